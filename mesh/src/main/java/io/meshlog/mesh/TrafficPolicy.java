package io.meshlog.mesh;

/**
 * Traffic policy of a DestinationRule or subset.
 *
 * @param loadBalancer null when not set (inherit, or the default ROUND_ROBIN)
 */
public record TrafficPolicy(LoadBalancer loadBalancer) {
  public static final TrafficPolicy NONE = new TrafficPolicy(null);

  public enum LoadBalancer { ROUND_ROBIN, LEAST_REQUEST, RANDOM, PASSTHROUGH }
}
