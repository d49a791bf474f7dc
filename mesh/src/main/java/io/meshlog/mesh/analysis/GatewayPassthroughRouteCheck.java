package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.GatewayTlsBinding;
import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0030: a PASSTHROUGH Gateway server that no VirtualService TLS route reaches (none bound to the Gateway has a
 * match applying at this server's port whose sniHosts meet its hosts). The router then has no filter chain for
 * it; if nothing else is on the port it gets no listener at all and refuses connections there.
 */
final class GatewayPassthroughRouteCheck implements Check {
  static final String CODE = "MLA0030";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (ServerAt at : ServerAt.all(mesh.gateways)) {
      GatewayServer s = at.server();
      if (s.passthrough() && !routed(at.gateway(), s, mesh.virtualServices)) {
        out.add(new Finding(CODE, Severity.WARNING, at.object(), at.field(""),
            "PASSTHROUGH server on port " + s.port() + " has no bound VirtualService TLS route: the router "
                + "forwards nothing there",
            "bind a VirtualService with gateways: [" + at.gateway().id() + "] and a tls route whose sniHosts match "
                + s.hosts()));
      }
    }
  }

  private static boolean routed(Gateway g, GatewayServer s, List<VirtualService> virtualServices) {
    for (VirtualService vs : virtualServices) {
      for (L4Route r : vs.tls()) {
        for (L4Match m : r.matches()) {
          if (GatewayTlsBinding.applies(vs, m, g.id(), s.port())
              && !GatewayTlsBinding.serverNames(g, s, vs, m).isEmpty()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
