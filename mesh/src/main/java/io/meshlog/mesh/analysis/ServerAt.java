package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayServer;
import java.util.ArrayList;
import java.util.List;

/** One Gateway server and where it is written, for the checks that report on servers. */
record ServerAt(Gateway gateway, int index, GatewayServer server) {
  /** Every server of the Gateways, in their order and then the order written. */
  static List<ServerAt> all(List<Gateway> gateways) {
    List<ServerAt> out = new ArrayList<>();
    for (Gateway g : gateways) {
      for (int i = 0; i < g.servers().size(); i++) {
        out.add(new ServerAt(g, i, g.servers().get(i)));
      }
    }
    return out;
  }

  String object() {
    return gateway.ref().toString();
  }

  /** {@code spec.servers[i]} followed by {@code suffix}. */
  String field(String suffix) {
    return "spec.servers[" + index + "]" + suffix;
  }
}
