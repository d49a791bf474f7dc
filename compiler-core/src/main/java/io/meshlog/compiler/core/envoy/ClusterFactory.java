package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt64Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.LbPolicy;
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
    b.setLbPolicy(lbPolicy(ir.lbPolicy(), proxyClass));
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
    boolean sidecar = ProxyClasses.SIDECAR.equals(proxyClass);
    LocalityLb locality = ir.policy().localityLb();
    if (sidecar && locality != null && locality.mode() == LocalityLb.Mode.DISTRIBUTE) {
      // Envoy ignores locality weights unless the cluster asks for locality-weighted balancing (gRPC always uses them).
      b.setCommonLbConfig(Cluster.CommonLbConfig.newBuilder()
          .setLocalityWeightedLbConfig(Cluster.CommonLbConfig.LocalityWeightedLbConfig.getDefaultInstance()));
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
