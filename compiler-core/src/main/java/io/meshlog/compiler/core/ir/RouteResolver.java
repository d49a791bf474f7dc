package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.Mirror;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.RoutePolicy;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of one {@code host:port}: the mesh VirtualServices for the host merged in (namespace, name)
 * order, routes in their order (first match wins); without any, one catch-all route to the default cluster.
 */
public final class RouteResolver {
  private RouteResolver() {}

  static List<RouteIr> routes(UnitKey unit, MeshIndex index) {
    List<RouteIr> out = new ArrayList<>();
    boolean anyVirtualService = false;
    for (VirtualService vs : index.virtualServicesForHost(unit.host())) {
      if (!vs.appliesToMesh()) {
        continue; // gateway-only rules do not apply to sidecars or gRPC clients
      }
      anyVirtualService = true;
      for (HttpRoute route : vs.http()) {
        if (route.delegate() == null) {
          addRoute(out, route, vs, VirtualService.MESH, unit, index);
        } else {
          for (HttpRoute merged : DelegateRoutes.of(route, index)) {
            addRoute(out, merged, vs, VirtualService.MESH, unit, index);
          }
        }
      }
    }
    if (!anyVirtualService) {
      String cluster = ClusterNames.outbound(unit.port(), "", unit.host());
      ConsistentHash hash = RouteHashes.of(unit.host(), "", unit.port(), index);
      out.add(new RouteIr("default", null, List.of(new ClusterWeight(cluster, 100)), RoutePolicy.NONE, hash));
    }
    return out;
  }

  /**
   * One VirtualService's routes as Gateway {@code gatewayId} ({@code namespace/name}) serves them under
   * {@code unit} (the domain and the server port; a destination without a port and with several takes that port).
   */
  public static List<RouteIr> routesOf(VirtualService vs, String gatewayId, UnitKey unit, MeshIndex index) {
    List<RouteIr> out = new ArrayList<>();
    for (HttpRoute route : vs.http()) {
      addRoute(out, route, vs, gatewayId, unit, index);
    }
    return out;
  }

  /**
   * Adds a route's Envoy routes, one per match that applies here: a match for another port, or whose
   * {@code gateways} leave out where it is served ({@code where}: {@code mesh} or a Gateway), or, for sidecars and
   * gRPC clients, whose client conditions the view's clients do not meet ({@link MeshIndex#client}), is left out,
   * and a route none of whose matches apply is left out whole (it must not become a catch-all). Routers ignore
   * the client conditions: a gateway class is compiled for every router its selector picks.
   */
  private static void addRoute(
      List<RouteIr> out, HttpRoute route, VirtualService vs, String where, UnitKey unit, MeshIndex index) {
    List<HttpMatch> matches = route.matches().stream()
        .filter(m -> m.appliesAt(unit.port(), where, vs.ref().namespace()))
        .filter(m -> !VirtualService.MESH.equals(where) || m.appliesTo(index.client(), vs.key())).toList();
    if (matches.isEmpty() && !route.matches().isEmpty()) {
      return;
    }
    String name = route.name() == null ? "" : route.name();
    List<ClusterWeight> targets;
    ConsistentHash hash = null;
    if (route.policy().answersItself()) {
      // Envoy answers without a cluster; gRPC has no such action, so it is sent to the default cluster and
      // aborted there by the fault filter (see RouteFactory).
      targets = List.of(new ClusterWeight(ClusterNames.outbound(unit.port(), "", unit.host()), 100));
    } else {
      targets = targets(route.destinations(), unit, index);
      if (targets.isEmpty()) {
        return;
      }
      RouteDestination first = route.destinations().get(0);
      hash = RouteHashes.of(
          first.host(), first.subset() == null ? "" : first.subset(), destinationPort(first, unit, index), index);
    }
    List<MirrorIr> mirrors = new ArrayList<>();
    for (Mirror m : route.policy().mirrors()) {
      mirrors.add(new MirrorIr(clusterName(m.destination(), unit, index), m.percent()));
    }
    RoutePolicy policy = route.policy().servedOn(unit.port());
    if (matches.isEmpty()) {
      out.add(new RouteIr(name, null, targets, policy, hash, mirrors));
    }
    // Envoy routes have one match each: a route with several matches becomes several routes, in order.
    for (HttpMatch match : matches) {
      out.add(new RouteIr(name, match, targets, policy, hash, mirrors));
    }
  }

  /**
   * Clusters with weights. With several destinations, unweighted ones are dropped when any has a weight (as
   * Istio does), and all share equally when none has; destinations naming the same cluster are merged (the
   * first one's header edits apply).
   */
  static List<ClusterWeight> targets(List<RouteDestination> destinations, UnitKey unit, MeshIndex index) {
    boolean anyWeighted = destinations.stream().anyMatch(d -> d.weight() > 0);
    Map<String, ClusterWeight> byCluster = new LinkedHashMap<>(); // insertion order: the VirtualService's order
    for (RouteDestination d : destinations) {
      int weight = destinations.size() == 1 ? 100 : anyWeighted ? d.weight() : 1;
      if (weight > 0) {
        byCluster.merge(clusterName(d, unit, index), new ClusterWeight(clusterName(d, unit, index), weight, d.headers()),
            (a, b) -> new ClusterWeight(a.cluster(), a.weight() + b.weight(), a.headers()));
      }
    }
    return new ArrayList<>(byCluster.values());
  }

  private static String clusterName(RouteDestination d, UnitKey unit, MeshIndex index) {
    String subset = d.subset() == null ? "" : d.subset();
    return ClusterNames.outbound(destinationPort(d, unit, index), subset, d.host());
  }

  /** An explicit port; else the destination's only port; else (unknown or several ports) the port routed. */
  private static int destinationPort(RouteDestination d, UnitKey unit, MeshIndex index) {
    if (d.port() != 0) {
      return d.port();
    }
    return ServiceOwners.service(d.host(), index)
        .map(Service::ports)
        .filter(ports -> ports.size() == 1)
        .map(ports -> ports.get(0).number())
        .orElse(unit.port());
  }
}
