package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.LbPolicy;
import io.meshlog.mesh.Service;
import io.meshlog.schemas.ProxyClasses;

/**
 * How a proxy finds a cluster's endpoints. Sidecars: PASSTHROUGH is ORIGINAL_DST; resolution DNS is STRICT_DNS and
 * DNS_ROUND_ROBIN LOGICAL_DNS (as Istio), inline endpoints; else EDS. grpc-java implements LOGICAL_DNS (gRFC A37)
 * but NACKs STRICT_DNS ("unsupported built-in discovery type") and EDS endpoints that are names ("Address is
 * not an IP"), so a DNS cluster of exactly one endpoint is LOGICAL_DNS there, one of several endpoints an
 * aggregate cluster (gRFC A37, {@link #grpcAggregate}, built by {@link DnsAggregates}) of one LOGICAL_DNS cluster
 * per endpoint, and one of none EDS (empty).
 */
final class DiscoveryTypes {
  private DiscoveryTypes() {}

  /** A gRPC DNS cluster of several endpoints: served as an aggregate of one LOGICAL_DNS cluster per endpoint. */
  static boolean grpcAggregate(ClusterIr ir, String proxyClass) {
    boolean dns = ir.resolution() == Service.Resolution.DNS || ir.resolution() == Service.Resolution.DNS_ROUND_ROBIN;
    return dns && ProxyClasses.GRPC.equals(proxyClass) && ir.endpoints().size() > 1;
  }

  static Cluster.DiscoveryType of(ClusterIr ir, String proxyClass) {
    boolean sidecar = ProxyClasses.SIDECAR.equals(proxyClass);
    if (ir.lbPolicy() == LbPolicy.PASSTHROUGH && sidecar) {
      return Cluster.DiscoveryType.ORIGINAL_DST;
    }
    boolean dns = ir.resolution() == Service.Resolution.DNS || ir.resolution() == Service.Resolution.DNS_ROUND_ROBIN;
    if (!dns) {
      return Cluster.DiscoveryType.EDS;
    }
    // LOGICAL_DNS takes exactly one endpoint, in Envoy and in grpc-java alike.
    boolean single = ir.endpoints().size() == 1;
    if (!sidecar) {
      // Several endpoints never get here: ClusterResources builds them as an aggregate (grpcAggregate).
      return single ? Cluster.DiscoveryType.LOGICAL_DNS : Cluster.DiscoveryType.EDS;
    }
    return ir.resolution() == Service.Resolution.DNS_ROUND_ROBIN && single
        ? Cluster.DiscoveryType.LOGICAL_DNS
        : Cluster.DiscoveryType.STRICT_DNS;
  }
}
