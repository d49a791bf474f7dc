package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt64Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.LbPolicy;
import io.meshlog.schemas.ProxyClasses;

/** CDS: one EDS cluster per {@link ClusterIr}, except PASSTHROUGH on sidecars (ORIGINAL_DST). */
final class ClusterFactory {
  private static final Duration CONNECT_TIMEOUT = Duration.newBuilder().setSeconds(10).build();

  private ClusterFactory() {}

  static Cluster build(ClusterIr ir, String proxyClass) {
    Cluster.Builder b = Cluster.newBuilder().setName(ir.name()).setConnectTimeout(CONNECT_TIMEOUT);
    if (!usesEds(ir, proxyClass)) {
      return b.setType(Cluster.DiscoveryType.ORIGINAL_DST).setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED).build();
    }
    b.setType(Cluster.DiscoveryType.EDS)
        .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder()
            .setEdsConfig(ConfigSources.ads())
            .setServiceName(ir.name()))
        .setLbPolicy(lbPolicy(ir.lbPolicy(), proxyClass));
    if (ir.policy().hash() != null && ir.policy().hash().minimumRingSize() > 0) {
      b.setRingHashLbConfig(Cluster.RingHashLbConfig.newBuilder()
          .setMinimumRingSize(UInt64Value.of(ir.policy().hash().minimumRingSize())));
    }
    if (ir.policy().outlierDetection() != null) {
      b.setOutlierDetection(OutlierFactory.build(ir.policy().outlierDetection(), proxyClass));
    }
    if (ir.policy().connectionPool() != null) {
      CircuitBreakerFactory.apply(ir.policy().connectionPool(), b, proxyClass);
    }
    return b.build();
  }

  /** ORIGINAL_DST clusters take the destination from the connection and have no endpoints to serve. */
  static boolean usesEds(ClusterIr ir, String proxyClass) {
    return !(ir.lbPolicy() == LbPolicy.PASSTHROUGH && ProxyClasses.SIDECAR.equals(proxyClass));
  }

  /** grpc-java accepts only ROUND_ROBIN, LEAST_REQUEST and RING_HASH and NACKs anything else. */
  private static Cluster.LbPolicy lbPolicy(LbPolicy policy, String proxyClass) {
    boolean grpc = ProxyClasses.GRPC.equals(proxyClass);
    switch (policy) {
      case LEAST_REQUEST:
        return Cluster.LbPolicy.LEAST_REQUEST;
      case RING_HASH:
        return Cluster.LbPolicy.RING_HASH;
      case RANDOM:
        return grpc ? Cluster.LbPolicy.ROUND_ROBIN : Cluster.LbPolicy.RANDOM;
      default:
        return Cluster.LbPolicy.ROUND_ROBIN;
    }
  }
}
