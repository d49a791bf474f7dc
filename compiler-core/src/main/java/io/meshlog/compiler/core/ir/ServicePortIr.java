package io.meshlog.compiler.core.ir;

import java.util.List;

/**
 * Everything compiled for one service port: its clusters (default first, then subsets by name) and the routes
 * for {@code host:port} in first-match-wins order.
 */
public record ServicePortIr(UnitKey key, List<ClusterIr> clusters, List<RouteIr> routes) {
  public ServicePortIr {
    clusters = List.copyOf(clusters);
    routes = List.copyOf(routes);
  }
}
