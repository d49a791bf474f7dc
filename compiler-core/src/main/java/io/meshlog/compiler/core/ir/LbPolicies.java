package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Subset;
import io.meshlog.mesh.TrafficPolicy;

/** A subset's own load balancer wins over the rule's; ROUND_ROBIN when neither sets one. */
final class LbPolicies {
  private LbPolicies() {}

  static LbPolicy resolve(DestinationRule rule, Subset subset) {
    TrafficPolicy.LoadBalancer lb = subset == null ? null : loadBalancer(subset.trafficPolicy());
    if (lb == null && rule != null) {
      lb = loadBalancer(rule.trafficPolicy());
    }
    return lb == null ? LbPolicy.ROUND_ROBIN : LbPolicy.valueOf(lb.name());
  }

  private static TrafficPolicy.LoadBalancer loadBalancer(TrafficPolicy policy) {
    return policy == null ? null : policy.loadBalancer();
  }
}
