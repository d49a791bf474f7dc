package io.meshlog.mesh.istio;

import io.meshlog.mesh.ObjectRef;
import java.util.Map;

/**
 * One Istio config document as parsed from YAML: identity, labels and the spec as canonical JSON (keys sorted,
 * no insignificant whitespace, defaults not filled in), so the same object always has the same bytes.
 */
public record IstioObject(
    String apiVersion, String kind, String namespace, String name, Map<String, String> labels, String specJson) {
  public IstioObject {
    labels = Map.copyOf(labels);
  }

  public ObjectRef ref() {
    return new ObjectRef(kind, namespace, name);
  }
}
