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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EDS: a cluster's endpoints grouped by locality (in locality order, endpoints by address and port). Every
 * locality carries a weight of at least 1, because gRPC ignores localities without one.
 */
final class LoadAssignmentFactory {
  private LoadAssignmentFactory() {}

  static ClusterLoadAssignment build(ClusterIr ir) {
    Map<String, List<EndpointIr>> byLocality = new TreeMap<>();
    for (EndpointIr e : ir.endpoints()) {
      byLocality.computeIfAbsent(e.locality(), l -> new ArrayList<>()).add(e);
    }
    ClusterLoadAssignment.Builder b = ClusterLoadAssignment.newBuilder().setClusterName(ir.name());
    byLocality.forEach((locality, endpoints) -> b.addEndpoints(localityEndpoints(locality, endpoints)));
    return b.build();
  }

  private static LocalityLbEndpoints localityEndpoints(String locality, List<EndpointIr> endpoints) {
    LocalityLbEndpoints.Builder b = LocalityLbEndpoints.newBuilder().setLocality(parse(locality));
    int total = 0;
    for (EndpointIr e : endpoints) {
      total += e.weight();
      b.addLbEndpoints(LbEndpoint.newBuilder()
          .setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
              .setSocketAddress(SocketAddress.newBuilder().setAddress(e.address()).setPortValue(e.port()))))
          .setLoadBalancingWeight(UInt32Value.of(e.weight())));
    }
    return b.setLoadBalancingWeight(UInt32Value.of(Math.max(1, total))).build();
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
