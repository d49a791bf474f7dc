package io.meshlog.compiler.core.envoy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshlog.compiler.core.ir.ClusterIr;
import io.meshlog.compiler.core.ir.EndpointIr;
import io.meshlog.mesh.LocalityLb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EDS: a cluster's endpoints grouped by locality (in locality order, endpoints by address and port). Every
 * locality carries a weight of at least 1, because gRPC ignores localities without one: the sum of its endpoints'
 * weights, or the {@code distribute} share. {@code failover} sets priorities, and as in Istio only when the cluster
 * has outlier detection (without it nothing would ever move traffic off a failing preferred region).
 */
final class LoadAssignmentFactory {
  private LoadAssignmentFactory() {}

  static ClusterLoadAssignment build(ClusterIr ir) {
    Map<String, List<EndpointIr>> byLocality = new TreeMap<>();
    for (EndpointIr e : ir.endpoints()) {
      byLocality.computeIfAbsent(e.locality(), l -> new ArrayList<>()).add(e);
    }
    Map<String, Integer> weights = new TreeMap<>();
    for (Map.Entry<String, List<EndpointIr>> e : byLocality.entrySet()) {
      weights.put(e.getKey(), Math.max(1, e.getValue().stream().mapToInt(EndpointIr::weight).sum()));
    }
    LocalityLb setting = ir.policy().localityLb();
    Map<String, Integer> priorities = Map.of();
    if (setting != null && setting.mode() == LocalityLb.Mode.DISTRIBUTE) {
      weights = LocalityDistribution.weights(setting.distribute(), weights);
    } else if (setting != null && setting.mode() == LocalityLb.Mode.FAILOVER
        && ir.policy().outlierDetection() != null) {
      priorities = LocalityFailover.priorities(setting, weights.keySet());
    }
    ClusterLoadAssignment.Builder b = ClusterLoadAssignment.newBuilder().setClusterName(ir.name());
    for (Map.Entry<String, Integer> w : weights.entrySet()) {
      b.addEndpoints(localityEndpoints(w.getKey(), byLocality.get(w.getKey()))
          .setLoadBalancingWeight(UInt32Value.of(w.getValue()))
          .setPriority(priorities.getOrDefault(w.getKey(), 0)));
    }
    return b.build();
  }

  private static LocalityLbEndpoints.Builder localityEndpoints(String locality, List<EndpointIr> endpoints) {
    LocalityLbEndpoints.Builder b = LocalityLbEndpoints.newBuilder().setLocality(parse(locality));
    for (EndpointIr e : endpoints) {
      b.addLbEndpoints(LbEndpoint.newBuilder()
          .setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
              .setSocketAddress(SocketAddress.newBuilder().setAddress(e.address()).setPortValue(e.port()))))
          .setLoadBalancingWeight(UInt32Value.of(e.weight())));
    }
    return b;
  }

  /** {@code region/zone/subzone}, any suffix may be missing. */
  static Locality parse(String locality) {
    String[] parts = locality.isEmpty() ? new String[0] : locality.split("/", 3);
    Locality.Builder b = Locality.newBuilder();
    if (parts.length > 0) {
      b.setRegion(parts[0]);
    }
    if (parts.length > 1) {
      b.setZone(parts[1]);
    }
    if (parts.length > 2) {
      b.setSubZone(parts[2]);
    }
    return b.build();
  }
}
