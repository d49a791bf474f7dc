package io.meshlog.compiler.core.envoy;

import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.schemas.XdsTypes;
import java.util.SortedMap;

/** CDS and EDS of one service port for one proxy class (the shapes are the same for both classes). */
final class ClusterResources {
  private ClusterResources() {}

  static void addTo(SortedMap<ResourceKey, CompiledResource> out, ServicePortIr ir, String proxyClass) {
    for (ClusterIr cluster : ir.clusters()) {
      if (DnsAggregates.applies(cluster, proxyClass)) {
        DnsAggregates.addTo(out, cluster, proxyClass);
        continue;
      }
      put(out, new ResourceKey(proxyClass, XdsTypes.CLUSTER, cluster.name()), ClusterFactory.build(cluster, proxyClass));
      if (ClusterFactory.usesEds(cluster, proxyClass)) {
        put(out, new ResourceKey(proxyClass, XdsTypes.ENDPOINT, cluster.name()), LoadAssignmentFactory.build(cluster));
      }
    }
  }

  static void put(SortedMap<ResourceKey, CompiledResource> out, ResourceKey key, com.google.protobuf.Message m) {
    out.put(key, Protos.compile(key, m));
  }
}
