package io.meshlog.compiler.core.ir;

import java.util.List;

/**
 * Everything compiled for one service port: its clusters (default first, then subsets by name), the routes
 * for {@code host:port} in first-match-wins order, and the sidecar TCP/TLS filter chains for it (empty for
 * HTTP ports without TCP or TLS routes).
 */
public record ServicePortIr(UnitKey key, List<ClusterIr> clusters, List<RouteIr> routes, List<TcpChainIr> tcpChains) {
  public ServicePortIr {
    clusters = List.copyOf(clusters);
    routes = List.copyOf(routes);
    tcpChains = tcpChains == null ? List.of() : List.copyOf(tcpChains);
  }

  public ServicePortIr(UnitKey key, List<ClusterIr> clusters, List<RouteIr> routes) {
    this(key, clusters, routes, List.of());
  }
}
