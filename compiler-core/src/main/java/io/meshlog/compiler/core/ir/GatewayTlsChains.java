package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.GatewayTcpBinding;
import io.meshlog.mesh.GatewayTlsBinding;
import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The filter chains of a PASSTHROUGH Gateway server, as istiod builds them for a gateway
 * (buildGatewayNetworkFiltersFromTLSRoutes): for every VirtualService bound to the Gateway (by namespace and
 * name), every TLS route match that applies there (see {@link GatewayTlsBinding}) in the order written, a chain
 * matching its SNI names (sniHosts met with the server's hosts) and destinationSubnets, forwarding the connection
 * unopened to the route's destinations. The router never terminates TLS here, so nothing HTTP applies. Also
 * the single chain of a TCP server or a TLS-terminating TLS server ({@link #tcp}).
 */
public final class GatewayTlsChains {
  private GatewayTlsChains() {}

  /**
   * @param destinations receives the hosts the chains send traffic to, whose clusters the class must carry
   */
  public static List<TcpChainIr> chains(Gateway g, GatewayServer s, MeshIndex index, Set<String> destinations) {
    List<TcpChainIr> out = new ArrayList<>();
    for (VirtualService vs : index.virtualServicesBoundTo(g.id())) {
      for (L4Route route : vs.tls()) {
        for (L4Match m : route.matches()) {
          if (!GatewayTlsBinding.applies(vs, m, g.id(), s.port())) {
            continue;
          }
          SortedSet<String> names = GatewayTlsBinding.serverNames(g, s, vs, m);
          if (names.isEmpty()) {
            continue; // its SNI names fall outside the server's hosts
          }
          // The server port stands in for the routed port when a destination names none and has several.
          List<String> cidrs = m.destinationSubnets().stream().map(TcpChainResolver::cidr).toList();
          chain(vs, route, cidrs, List.copyOf(names), new UnitKey(names.first(), s.port()), index, destinations)
              .ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /**
   * The chain of a TCP server, or of a TLS server terminating TLS: the one TCP route istiod would pick
   * ({@link GatewayTcpBinding}), without a match of its own (the listener's chain match is the server's).
   */
  public static Optional<TcpChainIr> tcp(Gateway g, GatewayServer s, MeshIndex index, Set<String> destinations) {
    return GatewayTcpBinding.route(g, s, index.virtualServicesBoundTo(g.id())).flatMap(b -> chain(b.virtualService(),
        b.route(), List.of(), List.of(), new UnitKey(b.virtualService().hosts().get(0), s.port()), index, destinations));
  }

  private static Optional<TcpChainIr> chain(VirtualService vs, L4Route route, List<String> cidrs, List<String> names,
      UnitKey unit, MeshIndex index, Set<String> destinations) {
    List<ClusterWeight> targets = RouteResolver.targets(route.destinations(), unit, index);
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    route.destinations().forEach(d -> destinations.add(d.host()));
    // istiod's stat prefixes: the cluster, or the VirtualService's name.namespace when weighted.
    String stat = targets.size() == 1 ? targets.get(0).cluster() : vs.ref().name() + "." + vs.ref().namespace();
    return Optional.of(new TcpChainIr(cidrs, names, targets, stat));
  }
}
