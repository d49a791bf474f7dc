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
}
