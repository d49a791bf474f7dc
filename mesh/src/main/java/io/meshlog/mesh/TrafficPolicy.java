package io.meshlog.mesh;

/**
 * Traffic policy of a DestinationRule or subset. A subset's policy replaces the rule's field by field
 * (load balancing, connection pool, outlier detection), as Istio merges them.
 *
 * @param loadBalancer null when not set (inherit, or the default ROUND_ROBIN)
 * @param consistentHash null when not set; set instead of {@code loadBalancer} (one Istio oneof)
 * @param outlierDetection null when not set
 * @param connectionPool null when not set
 */
public record TrafficPolicy(
    LoadBalancer loadBalancer,
    ConsistentHash consistentHash,
    OutlierDetection outlierDetection,
    ConnectionPool connectionPool) {
  public static final TrafficPolicy NONE = new TrafficPolicy(null);

  public enum LoadBalancer { ROUND_ROBIN, LEAST_REQUEST, RANDOM, PASSTHROUGH }

  /** Simple load balancing only (the shape before other policies existed). */
  public TrafficPolicy(LoadBalancer loadBalancer) {
    this(loadBalancer, null, null, null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether load balancing (simple or consistent hash) is set here, so it overrides the rule's. */
  public boolean setsLoadBalancing() {
    return loadBalancer != null || consistentHash != null;
  }

  /** Builds a policy field by field; unset fields are null. */
  public static final class Builder {
    private LoadBalancer loadBalancer;
    private ConsistentHash consistentHash;
    private OutlierDetection outlierDetection;
    private ConnectionPool connectionPool;

    public Builder loadBalancer(LoadBalancer v) {
      loadBalancer = v;
      return this;
    }

    public Builder consistentHash(ConsistentHash v) {
      consistentHash = v;
      return this;
    }

    public Builder outlierDetection(OutlierDetection v) {
      outlierDetection = v;
      return this;
    }

    public Builder connectionPool(ConnectionPool v) {
      connectionPool = v;
      return this;
    }

    public TrafficPolicy build() {
      return new TrafficPolicy(loadBalancer, consistentHash, outlierDetection, connectionPool);
    }
  }
}
