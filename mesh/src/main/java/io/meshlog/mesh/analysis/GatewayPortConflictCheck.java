package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.schemas.SelectorSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * MLA0022: two servers on one port of the same routers that cannot share it: servers of different kinds on one
 * port (plaintext HTTP, TCP, TLS matched by SNI), two TCP servers, or two terminating HTTPS (or TLS) servers whose
 * hosts give the same SNI match. Istio merges every Gateway selecting a router, as
 * the compiler does, so two Gateways share routers when some router can carry both selectors' labels (a
 * selector-less Gateway shares every router). Istio keeps the first server by creation time; meshlog, which has
 * none, keeps the first by Gateway namespace and name, then server order, and leaves this one out, so it is an
 * error.
 */
final class GatewayPortConflictCheck implements Check {
  static final String CODE = "MLA0022";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    // Servers seen so far, in the view's sorted Gateway order; a later one is checked against those sharing routers.
    List<ServerAt> seen = new ArrayList<>();
    for (ServerAt at : ServerAt.all(mesh.gateways)) {
      conflict(at.gateway(), at.index(), at.server(), seen).ifPresent(out::add);
      seen.add(at);
    }
  }

  private static Optional<Finding> conflict(Gateway g, int i, GatewayServer s, List<ServerAt> seen) {
    boolean https = s.protocol().sniMatched();
    for (ServerAt first : seen) {
      if (first.server().port() != s.port() || !SelectorSets.overlap(first.gateway().selector(), g.selector())) {
        continue;
      }
      String kind = first.server().protocol().portKind();
      boolean tcp = s.protocol() == GatewayServer.Protocol.TCP;
      if (!kind.equals(s.protocol().portKind()) || tcp) {
        return Optional.of(new Finding(CODE, Severity.ERROR, g.ref().toString(), "spec.servers[" + i + "].port",
            "port " + s.port() + " is already " + (tcp && kind.equals(s.protocol().portKind()) ? "another TCP server's"
                : kind) + " on routers this Gateway selects too (" + first.gateway().ref() + " spec.servers["
                + first.index() + "]); this server is not served there",
            "use another port number, or the same kind of server"));
      }
      // A PASSTHROUGH server's chains match its TLS routes' SNI names, not its hosts.
      if (https && !s.passthrough() && !first.server().passthrough() && sni(s).equals(sni(first.server()))) {
        return Optional.of(new Finding(CODE, Severity.ERROR, g.ref().toString(), "spec.servers[" + i + "].hosts",
            "HTTPS port " + s.port() + " already matches these hosts on routers this Gateway selects too ("
                + first.gateway().ref() + " spec.servers[" + first.index() + "]); this server is not served there",
            "merge the servers, or give them distinct hosts"));
      }
    }
    return Optional.empty();
  }

  /** The SNI match the compiler gives the server: its host names, or any name when one is {@code *}. */
  private static String sni(GatewayServer s) {
    TreeSet<String> names = new TreeSet<>();
    for (GatewayHost h : s.hosts()) {
      if (h.host().equals(GatewayHost.ANY)) {
        return "*";
      }
      names.add(h.host());
    }
    return String.join(",", names);
  }
}
