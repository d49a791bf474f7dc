package io.meshlog.mesh.analysis;

import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.mesh.istio.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects to analyze, read from YAML sources. A source with validation errors contributes those errors as
 * findings and none of its objects (parsing is all or nothing per source, as apply is). A later source's
 * object replaces an earlier one with the same kind, namespace and name, as a later apply would.
 */
public final class AnalysisInput {
  private final Map<ObjectRef, MeshObject> objects = new LinkedHashMap<>();
  private final List<Finding> invalid = new ArrayList<>();

  public AnalysisInput add(String yaml, String sourceName, String defaultNamespace) {
    try {
      for (IstioObject o : IstioYaml.parse(yaml, sourceName, defaultNamespace)) {
        objects.put(o.ref(), IstioAdapter.toModel(o, "istio", ""));
      }
    } catch (ValidationException e) {
      e.errors().forEach(err -> invalid.add(Analyzer.invalid(err)));
    }
    return this;
  }

  public List<MeshObject> objects() {
    return List.copyOf(objects.values());
  }

  /** Validation errors, then the analyzer's findings over the valid objects. */
  public List<Finding> analyze() {
    List<Finding> out = new ArrayList<>(invalid);
    out.addAll(Analyzer.analyze(objects.values()));
    return List.copyOf(out);
  }
}
