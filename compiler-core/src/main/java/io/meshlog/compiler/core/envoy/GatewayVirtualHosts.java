package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.compiler.core.ir.RouteIr;
import io.meshlog.compiler.core.ir.RouteResolver;
import io.meshlog.compiler.core.ir.UnitKey;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.VirtualService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * One Gateway route configuration: a virtual host per domain where a bound VirtualService's host meets a server
 * host (the more specific of the two), holding the routes of every such VirtualService in binding order (servers
 * in Gateway order, VirtualServices by namespace and name). A VirtualService binds when its {@code gateways} name
 * the server's Gateway and the server host's namespace part admits the VirtualService's namespace.
 */
final class GatewayVirtualHosts {
  private GatewayVirtualHosts() {}

  /** A server with the Gateway it belongs to. */
  record Bound(Gateway gateway, GatewayServer server) {}

  private static final class Domain {
    final List<RouteIr> routes = new ArrayList<>();
    final Set<String> virtualServices = new HashSet<>(); // membership only, never iterated
    boolean redirect;
  }

  /**
   * @param destinations receives the hosts the routes send traffic to, whose clusters the class must carry
   */
  static RouteConfiguration build(String name, int port, List<Bound> servers, MeshIndex index,
      SortedSet<String> destinations) {
    TreeMap<String, Domain> domains = new TreeMap<>();
    for (Bound b : servers) {
      for (VirtualService vs : index.virtualServicesBoundTo(b.gateway().id())) {
        if (!vs.gatewayIds().contains(b.gateway().id())) {
          continue; // bound by a TLS or TCP match's gateways only: its HTTP routes do not apply here
        }
        for (String vsHost : vs.hosts()) {
          String domain = domainFor(b, vs, vsHost);
          if (domain == null) {
            continue;
          }
          Domain d = domains.computeIfAbsent(domain, k -> new Domain());
          d.redirect |= b.server().httpsRedirect();
          if (d.virtualServices.add(vs.key())) {
            d.routes.addAll(RouteResolver.routesOf(vs, b.gateway().id(), new UnitKey(domain, port), index));
            destinations.addAll(MeshIndex.destinationHosts(vs));
          }
        }
      }
      if (b.server().httpsRedirect()) {
        // Envoy redirects before matching routes, so a redirecting host needs no VirtualService.
        for (GatewayHost h : b.server().hosts()) {
          domains.computeIfAbsent(h.host(), k -> new Domain()).redirect = true;
        }
      }
    }
    RouteConfiguration.Builder config = RouteConfiguration.newBuilder().setName(name);
    domains.forEach((domain, d) -> config.addVirtualHosts(virtualHost(domain, port, d)));
    if (domains.isEmpty()) {
      // Nothing bound: answer 404 rather than reset, as a router with no matching host does.
      config.addVirtualHosts(VirtualHost.newBuilder()
          .setName("blackhole:" + port)
          .addDomains("*")
          .addRoutes(Route.newBuilder().setName("default").setMatch(RouteMatch.newBuilder().setPrefix("/"))
              .setDirectResponse(DirectResponseAction.newBuilder().setStatus(404))));
    }
    return config.build();
  }

  private static String domainFor(Bound b, VirtualService vs, String vsHost) {
    for (GatewayHost h : b.server().hosts()) {
      if (h.admitsNamespace(b.gateway().ref().namespace(), vs.ref().namespace())) {
        String domain = h.intersect(vsHost);
        if (domain != null) {
          return domain;
        }
      }
    }
    return null;
  }

  /** Named {@code domain:port}, answering to the domain with and without the port, as sidecar virtual hosts do. */
  private static VirtualHost virtualHost(String domain, int port, Domain d) {
    VirtualHost.Builder vh = VirtualHost.newBuilder().setName(domain + ":" + port).addDomains(domain);
    if (!domain.equals("*")) {
      vh.addDomains(domain + ":" + port);
    }
    if (d.redirect) {
      vh.setRequireTls(VirtualHost.TlsRequirementType.ALL);
    }
    for (RouteIr r : d.routes) {
      vh.addRoutes(RouteFactory.route(r, false));
    }
    return vh.build();
  }
}
