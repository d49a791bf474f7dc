package io.meshlog.mesh.analysis;

import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.Service;
import java.util.List;

/**
 * MLA0047: an AUTO_PASSTHROUGH server whose hosts cover no mesh-internal service host. The router forwards only
 * to the SNI-DNAT clusters of such services, so it would forward nothing (often hosts written as a short name, or
 * the services declared MESH_EXTERNAL).
 */
final class GatewayAutoPassthroughCheck implements Check {
  static final String CODE = "MLA0047";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (ServerAt at : ServerAt.all(mesh.gateways)) {
      GatewayServer s = at.server();
      if (s.autoPassthrough() && mesh.services.stream().noneMatch(svc -> reaches(s, svc))) {
        out.add(new Finding(CODE, Severity.WARNING, at.object(), at.field(".hosts"),
            "AUTO_PASSTHROUGH server on port " + s.port() + " covers no mesh-internal service host: the router "
                + "has no cluster to forward to",
            "use hosts that cover the services' hosts (e.g. \"*.local\" for *.svc.cluster.local)"));
      }
    }
  }

  private static boolean reaches(GatewayServer s, Service svc) {
    return svc.location() == Service.Location.MESH_INTERNAL && svc.hosts().stream()
        .anyMatch(h -> s.hosts().stream().anyMatch(gh -> GatewayHost.covers(gh.host(), h)));
  }
}
