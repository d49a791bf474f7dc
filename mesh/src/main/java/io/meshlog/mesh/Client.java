package io.meshlog.mesh;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The proxies a compiled view is for, as far as VirtualService matches on the client ({@code sourceLabels},
 * {@code sourceNamespace}) can tell them apart: their namespace (empty: not one namespace, so no
 * {@code sourceNamespace} match applies) and labels they all carry. {@code ignored} names VirtualServices whose
 * {@code sourceLabels} the compiler did not compile per label set (over the cap of label-set classes): their
 * matches with {@code sourceLabels} apply to no client.
 */
public record Client(String namespace, Map<String, String> labels, Set<String> ignored) {
  /** Proxies of any namespace, with no particular labels: the shared classes. */
  public static final Client PUBLIC = new Client("", Map.of(), Set.of());

  public Client {
    namespace = namespace == null ? "" : namespace;
    labels = Map.copyOf(labels);
    ignored = Set.copyOf(ignored);
  }

  /**
   * istiod's rule (pilot {@code sourceMatchHTTP}): a match whose {@code gateways} are set applies wherever they name
   * (the caller has checked they name {@code mesh}), whatever its source fields; otherwise iff the client carries
   * every {@code sourceLabels} label and is in {@code sourceNamespace} (when set).
   */
  public boolean admits(String vsKey, List<String> gateways, Map<String, String> sourceLabels, String sourceNamespace) {
    if (!gateways.isEmpty()) {
      return true;
    }
    if (!sourceNamespace.isEmpty() && !sourceNamespace.equals(namespace)) {
      return false;
    }
    if (sourceLabels.isEmpty()) {
      return true;
    }
    if (ignored.contains(vsKey)) {
      return false;
    }
    for (Map.Entry<String, String> e : sourceLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
