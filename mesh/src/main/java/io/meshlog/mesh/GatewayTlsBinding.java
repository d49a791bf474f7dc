package io.meshlog.mesh;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which VirtualService TLS route matches a PASSTHROUGH Gateway server forwards, as istiod decides for a gateway:
 * the VirtualService must name the Gateway in its top-level {@code gateways} (istiod indexes VirtualServices by
 * those only), and a match that names gateways of its own must name it too (they narrow, never widen); its port
 * (if set) must be the server's; its SNI names are the ones its {@code sniHosts} share
 * with the server hosts that admit the VirtualService's namespace. Shared by the compiler and analyze so both
 * read the binding alike.
 */
public final class GatewayTlsBinding {
  private GatewayTlsBinding() {}

  /** Whether {@code m} (a TLS match of {@code vs}) applies at Gateway {@code gatewayId} on {@code port}. */
  public static boolean applies(VirtualService vs, L4Match m, String gatewayId, int port) {
    boolean named = m.gateways().isEmpty() || qualified(vs, m.gateways()).contains(gatewayId);
    return vs.gatewayIds().contains(gatewayId) && named && (m.port() == 0 || m.port() == port);
  }

  /**
   * The SNI names the server's chain for {@code m} matches: each sniHost met with each admitting server host
   * (the more specific of the two). Empty: the match does not reach this server.
   */
  public static SortedSet<String> serverNames(Gateway g, GatewayServer s, VirtualService vs, L4Match m) {
    SortedSet<String> names = new TreeSet<>();
    for (GatewayHost h : s.hosts()) {
      if (!h.admitsNamespace(g.ref().namespace(), vs.ref().namespace())) {
        continue;
      }
      for (String sni : m.sniHosts()) {
        String name = h.intersect(sni);
        if (name != null) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** A match's gateways as {@code namespace/name}; a short name is in the VirtualService's namespace. */
  static List<String> qualified(VirtualService vs, List<String> gateways) {
    return gateways.stream()
        .filter(g -> !g.equals(VirtualService.MESH))
        .map(g -> VirtualService.qualifiedGateway(g, vs.ref().namespace()))
        .distinct()
        .toList();
  }
}
