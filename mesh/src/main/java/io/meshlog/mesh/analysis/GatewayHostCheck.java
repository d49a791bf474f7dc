package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0021: a Gateway server host that no bound VirtualService covers (none names the Gateway with a host meeting
 * it from a namespace the host admits): the router accepts the host and answers 404. A server that redirects to
 * https needs no VirtualService and is not reported; nor are PASSTHROUGH servers, whose hosts TLS routes serve
 * (MLA0030 reports one with none), TCP and TLS-terminating TLS servers, which TCP routes serve (MLA0046), and
 * AUTO_PASSTHROUGH servers, which need no VirtualService (MLA0047).
 */
final class GatewayHostCheck implements Check {
  static final String CODE = "MLA0021";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (ServerAt at : ServerAt.all(mesh.gateways)) {
      GatewayServer s = at.server();
      if (s.httpsRedirect() || s.passthrough() || s.autoPassthrough() || s.routesTcp()) { // MLA0030, 0046, 0047
        continue;
      }
      for (int j = 0; j < s.hosts().size(); j++) {
        GatewayHost h = s.hosts().get(j);
        if (!covered(at.gateway(), h, mesh.virtualServices)) {
          out.add(new Finding(CODE, Severity.WARNING, at.object(), at.field(".hosts[" + j + "]"),
              "no VirtualService bound to this Gateway routes \"" + h + "\": the router answers 404 there",
              "bind a VirtualService with gateways: [" + at.gateway().id() + "] and a host matching " + h.host()));
        }
      }
    }
  }

  private static boolean covered(Gateway g, GatewayHost h, List<VirtualService> virtualServices) {
    for (VirtualService vs : virtualServices) {
      if (vs.gatewayIds().contains(g.id()) && h.admitsNamespace(g.ref().namespace(), vs.ref().namespace())) {
        for (String host : vs.hosts()) {
          if (h.intersect(host) != null) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
