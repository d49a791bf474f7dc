package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.clusters.aggregate.v3.ClusterConfig;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.EndpointIr;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import java.util.SortedMap;

/**
 * A gRPC cluster of a DNS-resolved service with several endpoints. grpc-java has no STRICT_DNS and refuses names in
 * EDS ("Address is not an IP"), so the cluster is an aggregate (gRFC A37, {@code envoy.clusters.aggregate}) of one
 * LOGICAL_DNS cluster per endpoint, named {@code <cluster>#<address>:<port>}, in endpoint order (address, port).
 * grpc-java treats an aggregate's children as priorities: every call goes to the first endpoint whose resolved
 * addresses are reachable, and moves to the next only when it fails (Envoy's STRICT_DNS would spread the calls;
 * endpoint weights and localities do not apply). Each child carries the cluster's policy (load balancing over the
 * addresses its name resolves to, outlier detection, circuit breaking). The aggregate has no lb_policy: Envoy
 * would want CLUSTER_PROVIDED, which grpc-java NACKs ("unsupported lb policy"); this shape is for gRPC only.
 */
final class DnsAggregates {
  static final String AGGREGATE = "envoy.clusters.aggregate";

  private DnsAggregates() {}

  static boolean applies(ClusterIr ir, String proxyClass) {
    return DiscoveryTypes.grpcAggregate(ir, proxyClass);
  }

  static void addTo(SortedMap<ResourceKey, CompiledResource> out, ClusterIr ir, String proxyClass) {
    ClusterConfig.Builder children = ClusterConfig.newBuilder();
    for (EndpointIr e : ir.endpoints()) {
      String child = ir.name() + "#" + e.address() + ":" + e.port();
      children.addClusters(child);
      ClusterIr one = new ClusterIr(child, ir.subset(), ir.policy(), List.of(e), ir.resolution(), ir.portProtocol());
      ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.CLUSTER, child), ClusterFactory.build(one, proxyClass));
    }
    Cluster aggregate = Cluster.newBuilder()
        .setName(ir.name())
        .setConnectTimeout(ClusterFactory.CONNECT_TIMEOUT)
        .setClusterType(Cluster.CustomClusterType.newBuilder()
            .setName(AGGREGATE)
            .setTypedConfig(Protos.pack(children.build())))
        .build();
    ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.CLUSTER, ir.name()), aggregate);
  }
}
