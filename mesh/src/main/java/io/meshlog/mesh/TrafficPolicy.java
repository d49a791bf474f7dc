package io.meshlog.mesh;

import java.util.List;

/**
 * Traffic policy of a DestinationRule or subset. A subset's policy replaces the rule's field by field
 * (load balancing, connection pool, outlier detection, TLS), as Istio merges them; port-level settings replace
 * the policy they belong to for one port.
 *
 * @param loadBalancer null when not set (inherit, or the default ROUND_ROBIN)
 * @param consistentHash null when not set; set instead of {@code loadBalancer} (one Istio oneof)
 * @param outlierDetection null when not set
 * @param connectionPool null when not set
 * @param localityLb null when not set; part of Istio's {@code loadBalancer}, so it is inherited with it
 * @param tls null when not set
 * @param portLevelSettings per-port policies (ports distinct); always empty inside a port-level policy
 */
public record TrafficPolicy(
    LoadBalancer loadBalancer,
    ConsistentHash consistentHash,
    OutlierDetection outlierDetection,
    ConnectionPool connectionPool,
    LocalityLb localityLb,
    ClientTls tls,
    List<PortTrafficPolicy> portLevelSettings) {
  public static final TrafficPolicy NONE = new TrafficPolicy(null);

  public TrafficPolicy {
    portLevelSettings = portLevelSettings == null ? List.of() : List.copyOf(portLevelSettings);
  }

  /** The shape before locality, TLS and port-level settings existed. */
  public TrafficPolicy(
      LoadBalancer loadBalancer,
      ConsistentHash consistentHash,
      OutlierDetection outlierDetection,
      ConnectionPool connectionPool) {
    this(loadBalancer, consistentHash, outlierDetection, connectionPool, null, null, List.of());
  }

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
    return loadBalancer != null || consistentHash != null || localityLb != null;
  }

  /** The port-level policy for this port number, if there is one. */
  public TrafficPolicy forPort(int port) {
    for (PortTrafficPolicy p : portLevelSettings) {
      if (p.port() == port) {
        return p.policy();
      }
    }
    return null;
  }

  /** Builds a policy field by field; unset fields are null. */
  public static final class Builder {
    private LoadBalancer loadBalancer;
    private ConsistentHash consistentHash;
    private OutlierDetection outlierDetection;
    private ConnectionPool connectionPool;
    private LocalityLb localityLb;
    private ClientTls tls;
    private List<PortTrafficPolicy> portLevelSettings = List.of();

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

    public Builder localityLb(LocalityLb v) {
      localityLb = v;
      return this;
    }

    public Builder tls(ClientTls v) {
      tls = v;
      return this;
    }

    public Builder portLevelSettings(List<PortTrafficPolicy> v) {
      portLevelSettings = v;
      return this;
    }

    public TrafficPolicy build() {
      return new TrafficPolicy(
          loadBalancer, consistentHash, outlierDetection, connectionPool, localityLb, tls, portLevelSettings);
    }
  }
}
