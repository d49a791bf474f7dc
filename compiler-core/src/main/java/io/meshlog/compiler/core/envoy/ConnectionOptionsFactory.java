package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.UpstreamConnectionOptions;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.Builder;
import io.envoyproxy.envoy.config.core.v3.TcpKeepalive;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.mesh.ConnectionPool;

/**
 * A sidecar cluster's upstream protocol and connection options, as istiod writes them: TCP keepalive in the
 * upstream connection options; in Envoy's {@code HttpProtocolOptions} extension the upstream protocol (the
 * client's for {@code useClientProtocol}; HTTP/2 for GRPC and HTTP2 ports and for {@code h2UpgradePolicy:
 * UPGRADE}; else HTTP/1.1, Envoy's default, written only when other options need the extension, which requires a
 * protocol) and the idle timeout, connection lifetime and requests per connection. gRPC reads none of these (it
 * always speaks HTTP/2), so the grpc shape does not get them.
 */
final class ConnectionOptionsFactory {
  /** The extension name Envoy looks the options up by. */
  static final String HTTP_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private static final ConnectionPool NO_POOL = ConnectionPool.builder().build();

  private ConnectionOptionsFactory() {}

  /** {@code poolOrNull}: the cluster's connectionPool, null when it has none. */
  static void apply(ConnectionPool poolOrNull, ClusterIr.PortProtocol protocol, Cluster.Builder cluster) {
    ConnectionPool pool = poolOrNull == null ? NO_POOL : poolOrNull;
    boolean http2Port = protocol == ClusterIr.PortProtocol.HTTP2;
    ConnectionPool.TcpKeepalive k = pool.tcpKeepalive();
    if (k != null) {
      TcpKeepalive.Builder keepalive = TcpKeepalive.newBuilder();
      if (k.probes() > 0) {
        keepalive.setKeepaliveProbes(UInt32Value.of(k.probes()));
      }
      if (k.timeMillis() > 0) {
        keepalive.setKeepaliveTime(UInt32Value.of((int) (k.timeMillis() / 1000)));
      }
      if (k.intervalMillis() > 0) {
        keepalive.setKeepaliveInterval(UInt32Value.of((int) (k.intervalMillis() / 1000)));
      }
      cluster.setUpstreamConnectionOptions(UpstreamConnectionOptions.newBuilder().setTcpKeepalive(keepalive));
    }
    if (pool.setsHttpProtocolOptions() || http2Port) {
      cluster.putTypedExtensionProtocolOptions(HTTP_OPTIONS, Any.pack(httpOptions(pool, http2Port)));
    }
  }

  private static HttpProtocolOptions httpOptions(ConnectionPool pool, boolean http2Port) {
    Builder common = io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.newBuilder();
    if (pool.idleTimeoutMillis() > 0) {
      common.setIdleTimeout(Durations.fromMillis(pool.idleTimeoutMillis()));
    }
    if (pool.maxConnectionDurationMillis() > 0) {
      common.setMaxConnectionDuration(Durations.fromMillis(pool.maxConnectionDurationMillis()));
    }
    if (pool.maxRequestsPerConnection() > 0) {
      common.setMaxRequestsPerConnection(UInt32Value.of(pool.maxRequestsPerConnection()));
    }
    Http2ProtocolOptions.Builder h2 = Http2ProtocolOptions.newBuilder();
    if (pool.maxConcurrentStreams() > 0) {
      h2.setMaxConcurrentStreams(UInt32Value.of(pool.maxConcurrentStreams()));
    }
    HttpProtocolOptions.Builder out = HttpProtocolOptions.newBuilder();
    if (!common.build().equals(io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.getDefaultInstance())) {
      out.setCommonHttpProtocolOptions(common);
    }
    if (pool.useClientProtocol()) {
      out.setUseDownstreamProtocolConfig(HttpProtocolOptions.UseDownstreamHttpConfig.newBuilder()
          .setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance())
          .setHttp2ProtocolOptions(h2));
    } else if (http2Port || pool.h2UpgradePolicy() == ConnectionPool.H2Upgrade.UPGRADE) {
      out.setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder().setHttp2ProtocolOptions(h2));
    } else {
      out.setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
          .setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance()));
    }
    return out.build();
  }
}
