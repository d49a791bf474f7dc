package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt64Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.type.v3.Percent;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.LbPolicy;
import io.meshlog.mesh.ConnectionPool;
import io.meshlog.mesh.LocalityLb;
import io.meshlog.schemas.ProxyClasses;

/** CDS: one cluster per {@link ClusterIr}, discovered as {@link DiscoveryTypes} says. */
final class ClusterFactory {
  static final Duration CONNECT_TIMEOUT = Duration.newBuilder().setSeconds(10).build();

  private ClusterFactory() {}

  static Cluster build(ClusterIr ir, String proxyClass) {
    Cluster.Builder b = Cluster.newBuilder().setName(ir.name()).setConnectTimeout(CONNECT_TIMEOUT);
    Cluster.DiscoveryType type = DiscoveryTypes.of(ir, proxyClass);
    if (type == Cluster.DiscoveryType.ORIGINAL_DST) {
      return b.setType(type).setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED).build();
    }
    b.setType(type);
    if (type == Cluster.DiscoveryType.EDS) {
      b.setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder()
          .setEdsConfig(ConfigSources.ads())
          .setServiceName(ir.name()));
    } else {
      b.setLoadAssignment(LoadAssignmentFactory.build(ir)); // DNS clusters carry their (named) endpoints inline
    }
    Cluster.LbPolicy lb = lbPolicy(ir.lbPolicy(), proxyClass);
    b.setLbPolicy(lb);
    long tableSize = ir.policy().hash() == null ? 0 : ir.policy().hash().tableSize();
    if (lb == Cluster.LbPolicy.MAGLEV && tableSize > 0) {
      b.setMaglevLbConfig(Cluster.MaglevLbConfig.newBuilder().setTableSize(UInt64Value.of(tableSize)));
    } else if (lb == Cluster.LbPolicy.RING_HASH && ir.lbPolicy() == LbPolicy.RING_HASH && tableSize > 0) {
      b.setRingHashLbConfig(Cluster.RingHashLbConfig.newBuilder().setMinimumRingSize(UInt64Value.of(tableSize)));
    }
    boolean sidecar = ProxyClasses.SIDECAR.equals(proxyClass);
    if (ir.policy().outlierDetection() != null) {
      b.setOutlierDetection(OutlierFactory.build(ir.policy().outlierDetection(), proxyClass));
      if (sidecar) {
        // As istiod: minHealthPercent is the panic threshold, 0 by default, so ejection is never overridden.
        b.getCommonLbConfigBuilder().setHealthyPanicThreshold(
            Percent.newBuilder().setValue(ir.policy().outlierDetection().minHealthPercent()));
      }
    }
    ConnectionPool pool = ir.policy().connectionPool();
    if (pool != null) {
      CircuitBreakerFactory.apply(pool, b, proxyClass);
      if (pool.connectTimeoutMillis() > 0) {
        b.setConnectTimeout(com.google.protobuf.util.Durations.fromMillis(pool.connectTimeoutMillis()));
      }
    }
    if (sidecar) {
      ConnectionOptionsFactory.apply(pool, ir.portProtocol(), b);
    }
    LocalityLb locality = ir.policy().localityLb();
    if (sidecar && locality != null && locality.mode() == LocalityLb.Mode.DISTRIBUTE) {
      // Envoy ignores locality weights unless the cluster asks for locality-weighted balancing (gRPC always uses them).
      b.getCommonLbConfigBuilder()
          .setLocalityWeightedLbConfig(Cluster.CommonLbConfig.LocalityWeightedLbConfig.getDefaultInstance());
    }
    if (ir.policy().tls() != null) {
      TransportSocket tls = sidecar
          ? UpstreamTlsFactory.transportSocket(ir.policy().tls(), ir.name())
          : UpstreamTlsFactory.grpcTransportSocket(ir.policy().tls());
      if (tls != null) {
        b.setTransportSocket(tls);
      }
    }
    return b.build();
  }

  /** Only EDS clusters have a ClusterLoadAssignment of their own to serve. */
  static boolean usesEds(ClusterIr ir, String proxyClass) {
    return DiscoveryTypes.of(ir, proxyClass) == Cluster.DiscoveryType.EDS;
  }

  /**
   * grpc-java accepts only ROUND_ROBIN, LEAST_REQUEST and RING_HASH and NACKs anything else: RANDOM becomes
   * ROUND_ROBIN and MAGLEV a ring (same keys, same stickiness; the table size is not a ring size, so the default).
   */
  private static Cluster.LbPolicy lbPolicy(LbPolicy policy, String proxyClass) {
    boolean grpc = ProxyClasses.GRPC.equals(proxyClass);
    switch (policy) {
      case LEAST_REQUEST:
        return Cluster.LbPolicy.LEAST_REQUEST;
      case RING_HASH:
        return Cluster.LbPolicy.RING_HASH;
      case MAGLEV:
        return grpc ? Cluster.LbPolicy.RING_HASH : Cluster.LbPolicy.MAGLEV;
      case RANDOM:
        return grpc ? Cluster.LbPolicy.ROUND_ROBIN : Cluster.LbPolicy.RANDOM;
      default:
        return Cluster.LbPolicy.ROUND_ROBIN;
    }
  }
}
