package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Subset;
import io.meshlog.mesh.TrafficPolicy;

/**
 * The effective policy of a cluster, with Istio's precedence, applied in this order: the rule's policy; the
 * rule's port-level policy for the port, which replaces it as a whole (Istio documents that fields it leaves
 * unset take their defaults, not the rule's); the subset's policy, which wins field by field (load balancing,
 * including its locality setting, is one Istio field; connection pool; outlier detection; TLS); the subset's
 * port-level policy for the port, which again replaces everything. ROUND_ROBIN when nothing is set.
 */
final class ClusterPolicies {
  private ClusterPolicies() {}

  static ClusterPolicy resolve(DestinationRule rule, Subset subset) {
    return resolve(rule, subset, 0);
  }

  /** {@code port} 0 ignores port-level settings. */
  static ClusterPolicy resolve(DestinationRule rule, Subset subset, int port) {
    TrafficPolicy p = atPort(rule == null ? null : rule.trafficPolicy(), port);
    TrafficPolicy own = subset == null ? null : subset.trafficPolicy();
    if (own != null) {
      TrafficPolicy ownAtPort = own.forPort(port);
      p = ownAtPort != null ? ownAtPort : overlay(p, own);
    }
    return toCluster(p == null ? TrafficPolicy.NONE : p);
  }

  /** The port-level policy for the port when there is one, else the policy itself. */
  private static TrafficPolicy atPort(TrafficPolicy policy, int port) {
    TrafficPolicy forPort = policy == null ? null : policy.forPort(port);
    return forPort != null ? forPort : policy;
  }

  /** {@code over}'s fields where it sets them, else {@code base}'s. */
  private static TrafficPolicy overlay(TrafficPolicy base, TrafficPolicy over) {
    if (base == null) {
      return over;
    }
    TrafficPolicy lb = over.setsLoadBalancing() ? over : base;
    return TrafficPolicy.builder()
        .loadBalancer(lb.loadBalancer())
        .consistentHash(lb.consistentHash())
        .localityLb(lb.localityLb())
        .outlierDetection(over.outlierDetection() != null ? over.outlierDetection() : base.outlierDetection())
        .connectionPool(over.connectionPool() != null ? over.connectionPool() : base.connectionPool())
        .tls(over.tls() != null ? over.tls() : base.tls())
        .build();
  }

  private static ClusterPolicy toCluster(TrafficPolicy p) {
    LbPolicy lbPolicy = LbPolicy.ROUND_ROBIN;
    if (p.consistentHash() != null) {
      lbPolicy = p.consistentHash().table() == ConsistentHash.Table.MAGLEV ? LbPolicy.MAGLEV : LbPolicy.RING_HASH;
    } else if (p.loadBalancer() != null) {
      lbPolicy = LbPolicy.valueOf(p.loadBalancer().name());
    }
    return new ClusterPolicy(
        lbPolicy, p.consistentHash(), p.outlierDetection(), p.connectionPool(), p.localityLb(), p.tls());
  }
}
