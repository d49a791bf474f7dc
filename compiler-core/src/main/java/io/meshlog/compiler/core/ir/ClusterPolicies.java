package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Subset;
import io.meshlog.mesh.TrafficPolicy;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A subset's own policy wins over the rule's, field by field as Istio merges them: load balancing (simple or
 * consistent hash, one Istio field), connection pool, outlier detection. ROUND_ROBIN when nothing is set.
 */
final class ClusterPolicies {
  private ClusterPolicies() {}

  static ClusterPolicy resolve(DestinationRule rule, Subset subset) {
    TrafficPolicy own = subset == null ? null : subset.trafficPolicy();
    TrafficPolicy top = rule == null ? null : rule.trafficPolicy();
    TrafficPolicy lb = pick(own, top, TrafficPolicy::setsLoadBalancing);
    LbPolicy lbPolicy = LbPolicy.ROUND_ROBIN;
    if (lb != null && lb.consistentHash() != null) {
      lbPolicy = LbPolicy.RING_HASH;
    } else if (lb != null && lb.loadBalancer() != null) {
      lbPolicy = LbPolicy.valueOf(lb.loadBalancer().name());
    }
    return new ClusterPolicy(
        lbPolicy,
        lb == null ? null : lb.consistentHash(),
        field(own, top, TrafficPolicy::outlierDetection),
        field(own, top, TrafficPolicy::connectionPool));
  }

  /** The subset's policy when it sets the field, else the rule's when it does, else null. */
  private static TrafficPolicy pick(TrafficPolicy own, TrafficPolicy top, Predicate<TrafficPolicy> sets) {
    if (own != null && sets.test(own)) {
      return own;
    }
    return top != null && sets.test(top) ? top : null;
  }

  private static <T> T field(TrafficPolicy own, TrafficPolicy top, Function<TrafficPolicy, T> get) {
    return Optional.ofNullable(pick(own, top, p -> get.apply(p) != null)).map(get).orElse(null);
  }
}
