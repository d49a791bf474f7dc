package io.meshlog.mesh;

import java.util.List;
import java.util.Map;

/**
 * An Istio Sidecar: which services the proxies it selects see. Each Sidecar is one scope; the compiler compiles
 * a scope only from the services its egress hosts admit.
 *
 * @param workloadSelector labels a proxy must carry; empty means every proxy of the namespace
 * @param egressHosts {@code namespace/host} patterns, as written (see {@link EgressHost})
 * @param outboundPolicy what a proxy does with traffic to a host it does not know; {@link OutboundPolicy#UNSET}
 *     keeps meshlog's default shape (no catch-all)
 */
public record Sidecar(
    ObjectRef ref,
    Map<String, String> workloadSelector,
    List<EgressHost> egressHosts,
    OutboundPolicy outboundPolicy)
    implements MeshObject {

  public Sidecar {
    workloadSelector = Map.copyOf(workloadSelector);
    egressHosts = List.copyOf(egressHosts);
  }

  /** Istio's config root namespace: its selector-less Sidecar is the mesh-wide default. */
  public static final String ROOT_NAMESPACE = "istio-system";

  public enum OutboundPolicy { UNSET, ALLOW_ANY, REGISTRY_ONLY }

  /** Whether a service declared in {@code namespace} under {@code host} is visible to this scope. */
  public boolean admits(String namespace, String host) {
    for (EgressHost h : egressHosts) {
      if (h.admits(ref.namespace(), namespace, host)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The one namespace all of this scope's proxies are in, for exportTo: a Sidecar applies only to proxies of its
   * own namespace, except the root namespace's selector-less one, the default for every namespace (empty).
   */
  public java.util.Optional<String> consumerNamespace() {
    if (ROOT_NAMESPACE.equals(ref.namespace()) && workloadSelector.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(ref.namespace());
  }

  /** {@code namespace/name}: the scope's id, used in class names. */
  public String scopeId() {
    return ref.namespace() + "/" + ref.name();
  }
}
