package io.meshlog.mesh;

import java.util.List;

/**
 * Routing rules for a set of hosts: ordered HTTP routes (first match wins), and TCP and TLS routes for opaque
 * connections. A VirtualService without hosts is a delegate: it applies only through a root's
 * {@link Delegate}.
 */
public record VirtualService(
    ObjectRef ref,
    List<String> hosts,
    List<String> gateways,
    List<HttpRoute> http,
    List<L4Route> tcp,
    List<L4Route> tls,
    List<String> exportTo)
    implements MeshObject {

  public VirtualService {
    hosts = List.copyOf(hosts);
    gateways = List.copyOf(gateways);
    http = List.copyOf(http);
    tcp = List.copyOf(tcp);
    tls = List.copyOf(tls);
    exportTo = List.copyOf(exportTo);
  }

  /** HTTP routes only. */
  public VirtualService(
      ObjectRef ref, List<String> hosts, List<String> gateways, List<HttpRoute> http, List<String> exportTo) {
    this(ref, hosts, gateways, http, List.of(), List.of(), exportTo);
  }

  /** A delegate has no hosts of its own; Istio's rule. */
  public boolean delegateOnly() {
    return hosts.isEmpty();
  }

  /** The reserved {@code gateways} entry for every sidecar (and proxyless client) of the mesh. */
  public static final String MESH = "mesh";

  /** Whether the rules apply to sidecars: no {@code gateways} at all, or {@code mesh} among them. */
  public boolean appliesToMesh() {
    return gateways.isEmpty() || gateways.contains(MESH);
  }

  /**
   * The Gateways this VirtualService binds to, as {@code namespace/name}: a short name is in the VirtualService's
   * namespace, as Istio reads it; {@code mesh} is not a Gateway.
   */
  /**
   * A {@code gateways} entry as written, read in {@code namespace} (the VirtualService's): {@code mesh} and
   * {@code namespace/name} as they are, a short name as {@code namespace/name}.
   */
  public static String qualifiedGateway(String written, String namespace) {
    return written.equals(MESH) || written.contains("/") ? written : namespace + "/" + written;
  }

  public List<String> gatewayIds() {
    return gateways.stream()
        .filter(g -> !g.equals(MESH))
        .map(g -> qualifiedGateway(g, ref.namespace()))
        .distinct()
        .toList();
  }
}
