package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MLA0022: two servers on one port of the same routers (Gateways with the same selector are merged, as the
 * compiler merges them) that cannot share it: plaintext and HTTPS (or TLS) on one port, or two HTTPS servers whose hosts
 * give the same SNI match. The compiler keeps the first (Gateways by namespace and name, servers in order) and
 * leaves this one out, so it is an error.
 */
final class GatewayPortConflictCheck implements Check {
  static final String CODE = "MLA0022";

  private record First(Gateway gateway, int index, GatewayServer server) {}

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    // Keyed by selector then port; looked up only, the Gateways are visited in the view's sorted order.
    Map<Map<String, String>, Map<Integer, First>> firstOnPort = new HashMap<>();
    Map<Map<String, String>, Map<String, First>> firstSni = new HashMap<>();
    for (Gateway g : mesh.gateways) {
      for (int i = 0; i < g.servers().size(); i++) {
        GatewayServer s = g.servers().get(i);
        String field = "spec.servers[" + i + "].port";
        First here = new First(g, i, s);
        First first = firstOnPort.computeIfAbsent(g.selector(), k -> new TreeMap<>()).putIfAbsent(s.port(), here);
        boolean https = s.protocol().sniMatched();
        if (first != null && first.server().protocol().sniMatched() != https) {
          out.add(new Finding(CODE, Severity.ERROR, g.ref().toString(), field,
              "port " + s.port() + " is already " + (https ? "plaintext" : "HTTPS") + " on these routers ("
                  + first.gateway().ref() + " spec.servers[" + first.index() + "]); this server is not served",
              "use another port number, or the same kind of server"));
          continue;
        }
        // A PASSTHROUGH server's chains match its TLS routes' SNI names, not its hosts.
        if (https && !s.passthrough()) {
          String sni = s.port() + " " + sni(s);
          First same = firstSni.computeIfAbsent(g.selector(), k -> new TreeMap<>()).putIfAbsent(sni, here);
          if (same != null) {
            out.add(new Finding(CODE, Severity.ERROR, g.ref().toString(), "spec.servers[" + i + "].hosts",
                "HTTPS port " + s.port() + " already matches these hosts on these routers (" + same.gateway().ref()
                    + " spec.servers[" + same.index() + "]); this server is not served",
                "merge the servers, or give them distinct hosts"));
          }
        }
      }
    }
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
