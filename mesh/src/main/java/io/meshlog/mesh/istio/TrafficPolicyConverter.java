package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.meshlog.mesh.TrafficPolicy;
import java.util.Set;

/** A DestinationRule or subset traffic policy; only simple load balancing is supported so far. */
final class TrafficPolicyConverter {
  private TrafficPolicyConverter() {}

  static TrafficPolicy convert(
      io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy tp, JsonNode node, String path, Errors errors) {
    if (tp == null) {
      return TrafficPolicy.NONE;
    }
    Fields.onlySupported(node, path, errors, Set.of("loadBalancer"));
    if (tp.getLoadBalancer() == null) {
      return TrafficPolicy.NONE;
    }
    Fields.onlySupported(node.path("loadBalancer"), path + ".loadBalancer", errors, Set.of("simple"));
    if (tp.getLoadBalancer().getLbPolicy() instanceof LoadBalancerSettingsSimple simple) {
      return new TrafficPolicy(loadBalancer(simple.getSimple()));
    }
    return TrafficPolicy.NONE;
  }

  /** UNSPECIFIED means the default; LEAST_CONN is Istio's deprecated name for LEAST_REQUEST. */
  private static TrafficPolicy.LoadBalancer loadBalancer(LoadBalancerSettingsSimpleLB lb) {
    if (lb == null) {
      return null;
    }
    return switch (lb) {
      case UNSPECIFIED -> null;
      case ROUND_ROBIN -> TrafficPolicy.LoadBalancer.ROUND_ROBIN;
      case LEAST_CONN, LEAST_REQUEST -> TrafficPolicy.LoadBalancer.LEAST_REQUEST;
      case RANDOM -> TrafficPolicy.LoadBalancer.RANDOM;
      case PASSTHROUGH -> TrafficPolicy.LoadBalancer.PASSTHROUGH;
    };
  }
}
