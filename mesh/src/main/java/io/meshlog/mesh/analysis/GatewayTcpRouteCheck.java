package io.meshlog.mesh.analysis;

import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.GatewayTcpBinding;
import java.util.List;

/**
 * MLA0046: a TCP server, or a TLS server that terminates TLS, that no VirtualService TCP route reaches (none bound
 * to the Gateway has hosts meeting the server's and a TCP route applying at its port). The router has no chain
 * for it: on a TCP port no listener at all, on a TLS port nothing for its SNI names.
 */
final class GatewayTcpRouteCheck implements Check {
  static final String CODE = "MLA0046";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (ServerAt at : ServerAt.all(mesh.gateways)) {
      GatewayServer s = at.server();
      if (s.routesTcp() && GatewayTcpBinding.route(at.gateway(), s, mesh.virtualServices).isEmpty()) {
        out.add(new Finding(CODE, Severity.WARNING, at.object(), at.field(""),
            s.protocol() + " server on port " + s.port() + " has no bound VirtualService TCP route: the router "
                + "forwards nothing there",
            "bind a VirtualService with gateways: [" + at.gateway().id() + "], a host among " + s.hosts()
                + " and a tcp route"));
      }
    }
  }
}
