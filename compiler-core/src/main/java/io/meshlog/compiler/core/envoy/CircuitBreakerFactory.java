package io.meshlog.compiler.core.envoy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SelfConfigSource;
import io.meshlog.mesh.ConnectionPool;
import io.meshlog.schemas.ProxyClasses;

/**
 * Connection-pool limits as default-priority circuit-breaker thresholds (gRPC reads max_requests only).
 * Requests per connection and the other connection options are {@link ConnectionOptionsFactory}'s.
 */
final class CircuitBreakerFactory {
  private static final CircuitBreakers.Thresholds EMPTY =
      CircuitBreakers.Thresholds.newBuilder().setPriority(RoutingPriority.DEFAULT).build();

  private CircuitBreakerFactory() {}

  static void apply(ConnectionPool pool, Cluster.Builder cluster, String proxyClass) {
    CircuitBreakers.Thresholds.Builder t = CircuitBreakers.Thresholds.newBuilder()
        .setPriority(RoutingPriority.DEFAULT);
    if (pool.maxConnections() > 0) {
      t.setMaxConnections(UInt32Value.of(pool.maxConnections()));
    }
    if (pool.http1MaxPendingRequests() > 0) {
      t.setMaxPendingRequests(UInt32Value.of(pool.http1MaxPendingRequests()));
    }
    if (pool.http2MaxRequests() > 0) {
      t.setMaxRequests(UInt32Value.of(pool.http2MaxRequests()));
    }
    if (pool.maxRetries() > 0) {
      t.setMaxRetries(UInt32Value.of(pool.maxRetries()));
    }
    if (t.build().equals(EMPTY)) {
      return; // only timeouts or connection options: no thresholds to set
    }
    cluster.setCircuitBreakers(CircuitBreakers.newBuilder().addThresholds(t));
    if (pool.http2MaxRequests() > 0 && ProxyClasses.GRPC.equals(proxyClass)) {
      // grpc-java 1.85 counts in-flight calls only through its load-report stats, which exist only when the
      // cluster names an LRS server: without lrs_server max_requests is parsed but never enforced.
      cluster.setLrsServer(ConfigSource.newBuilder().setSelf(SelfConfigSource.getDefaultInstance()));
    }
  }
}
