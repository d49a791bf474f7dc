package io.meshlog.mesh;

import java.util.List;

/** Routing rules for a set of hosts: ordered HTTP routes, first match wins. */
public record VirtualService(
    ObjectRef ref, List<String> hosts, List<String> gateways, List<HttpRoute> http, List<String> exportTo)
    implements MeshObject {

  public VirtualService {
    hosts = List.copyOf(hosts);
    gateways = List.copyOf(gateways);
    http = List.copyOf(http);
    exportTo = List.copyOf(exportTo);
  }
}
