package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.LbPolicy;
import io.meshlog.mesh.Service;
import io.meshlog.schemas.ProxyClasses;

/**
 * How a proxy finds a cluster's endpoints. Sidecars: PASSTHROUGH is ORIGINAL_DST; resolution DNS is STRICT_DNS and
 * DNS_ROUND_ROBIN LOGICAL_DNS (as Istio), inline endpoints; else EDS. grpc-java implements LOGICAL_DNS (gRFC A37)
 * but NACKs STRICT_DNS ("unsupported built-in discovery type"), so a DNS cluster of exactly one endpoint is
 * LOGICAL_DNS there and any other stays EDS.
 */
final class DiscoveryTypes {
  private DiscoveryTypes() {}

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
      return single ? Cluster.DiscoveryType.LOGICAL_DNS : Cluster.DiscoveryType.EDS;
    }
    return ir.resolution() == Service.Resolution.DNS_ROUND_ROBIN && single
        ? Cluster.DiscoveryType.LOGICAL_DNS
        : Cluster.DiscoveryType.STRICT_DNS;
  }
}
