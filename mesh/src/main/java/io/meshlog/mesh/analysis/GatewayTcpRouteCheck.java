package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
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
    for (Gateway g : mesh.gateways) {
      for (int i = 0; i < g.servers().size(); i++) {
        GatewayServer s = g.servers().get(i);
        if (s.routesTcp() && GatewayTcpBinding.route(g, s, mesh.virtualServices).isEmpty()) {
          out.add(new Finding(CODE, Severity.WARNING, g.ref().toString(), "spec.servers[" + i + "]",
              s.protocol() + " server on port " + s.port() + " has no bound VirtualService TCP route: the router "
                  + "forwards nothing there",
              "bind a VirtualService with gateways: [" + g.id() + "], a host among " + s.hosts()
                  + " and a tcp route"));
        }
      }
    }
  }
}
