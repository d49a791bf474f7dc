package io.meshlog.mesh;

import java.util.Collection;
import java.util.Optional;

/**
 * Which VirtualService TCP route a TCP Gateway server (or a TLS server that terminates TLS) forwards to, as
 * istiod decides (buildGatewayNetworkFiltersFromTCPRoutes): among the VirtualServices whose top-level
 * {@code gateways} name the Gateway (in order), the first whose hosts meet a server host admitting its namespace,
 * and in it the first TCP route with no match or a match applying at the Gateway and the server's port. One
 * route per server: a plain TCP port, or a terminated TLS connection, has nothing else to pick a route by. Shared
 * by the compiler and analyze.
 */
public final class GatewayTcpBinding {
  private GatewayTcpBinding() {}

  /** The route a server forwards to, and the VirtualService holding it. */
  public record Bound(VirtualService virtualService, L4Route route) {}

  /** @param candidates VirtualServices in (namespace, name) order; those not bound to {@code g} are skipped */
  public static Optional<Bound> route(Gateway g, GatewayServer s, Collection<VirtualService> candidates) {
    for (VirtualService vs : candidates) {
      if (!vs.gatewayIds().contains(g.id()) || !meetsServerHosts(g, s, vs)) {
        continue;
      }
      for (L4Route route : vs.tcp()) {
        if (route.matches().isEmpty()
            || route.matches().stream().anyMatch(m -> GatewayTlsBinding.applies(vs, m, g.id(), s.port()))) {
          return Optional.of(new Bound(vs, route));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean meetsServerHosts(Gateway g, GatewayServer s, VirtualService vs) {
    for (GatewayHost h : s.hosts()) {
      if (h.admitsNamespace(g.ref().namespace(), vs.ref().namespace())
          && vs.hosts().stream().anyMatch(host -> h.intersect(host) != null)) {
        return true;
      }
    }
    return false;
  }
}
