package io.meshlog.mesh;

/**
 * Istio's connectionPool: limits (circuit-breaker thresholds), timeouts and connection options of a cluster.
 * Every number 0 when unset (the proxy's default). Built with {@link #builder()}.
 *
 * @param maxConnections tcp.maxConnections
 * @param connectTimeoutMillis tcp.connectTimeout
 * @param tcpKeepalive tcp.tcpKeepalive; null when unset
 * @param maxConnectionDurationMillis tcp.maxConnectionDuration
 * @param http2MaxRequests http.http2MaxRequests: concurrent requests to the cluster
 * @param http1MaxPendingRequests http.http1MaxPendingRequests
 * @param maxRequestsPerConnection http.maxRequestsPerConnection
 * @param maxRetries http.maxRetries: concurrent retries to the cluster
 * @param idleTimeoutMillis http.idleTimeout
 * @param h2UpgradePolicy http.h2UpgradePolicy
 * @param useClientProtocol http.useClientProtocol: upstream speaks the protocol the client spoke
 * @param maxConcurrentStreams http.maxConcurrentStreams: per HTTP/2 connection
 */
public record ConnectionPool(
    int maxConnections,
    long connectTimeoutMillis,
    TcpKeepalive tcpKeepalive,
    long maxConnectionDurationMillis,
    int http2MaxRequests,
    int http1MaxPendingRequests,
    int maxRequestsPerConnection,
    int maxRetries,
    long idleTimeoutMillis,
    H2Upgrade h2UpgradePolicy,
    boolean useClientProtocol,
    int maxConcurrentStreams) {

  public enum H2Upgrade { DEFAULT, DO_NOT_UPGRADE, UPGRADE }

  /** TCP keepalive probes on upstream connections; each field 0 for the OS default. */
  public record TcpKeepalive(int probes, long timeMillis, long intervalMillis) {}

  /** The four limits only (the shape before timeouts and options existed). */
  public ConnectionPool(
      int maxConnections, int http2MaxRequests, int http1MaxPendingRequests, int maxRequestsPerConnection) {
    this(maxConnections, 0, null, 0, http2MaxRequests, http1MaxPendingRequests, maxRequestsPerConnection, 0, 0,
        H2Upgrade.DEFAULT, false, 0);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether anything here goes into the cluster's HTTP protocol options (not a threshold or timeout). */
  public boolean setsHttpProtocolOptions() {
    return maxRequestsPerConnection > 0 || idleTimeoutMillis > 0 || maxConnectionDurationMillis > 0
        || h2UpgradePolicy == H2Upgrade.UPGRADE || useClientProtocol || maxConcurrentStreams > 0;
  }

  /** Builds a pool field by field; unset fields keep their defaults. */
  public static final class Builder {
    private int maxConnections;
    private long connectTimeoutMillis;
    private TcpKeepalive tcpKeepalive;
    private long maxConnectionDurationMillis;
    private int http2MaxRequests;
    private int http1MaxPendingRequests;
    private int maxRequestsPerConnection;
    private int maxRetries;
    private long idleTimeoutMillis;
    private H2Upgrade h2UpgradePolicy = H2Upgrade.DEFAULT;
    private boolean useClientProtocol;
    private int maxConcurrentStreams;

    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public Builder connectTimeoutMillis(long v) {
      connectTimeoutMillis = v;
      return this;
    }

    public Builder tcpKeepalive(TcpKeepalive v) {
      tcpKeepalive = v;
      return this;
    }

    public Builder maxConnectionDurationMillis(long v) {
      maxConnectionDurationMillis = v;
      return this;
    }

    public Builder http2MaxRequests(int v) {
      http2MaxRequests = v;
      return this;
    }

    public Builder http1MaxPendingRequests(int v) {
      http1MaxPendingRequests = v;
      return this;
    }

    public Builder maxRequestsPerConnection(int v) {
      maxRequestsPerConnection = v;
      return this;
    }

    public Builder maxRetries(int v) {
      maxRetries = v;
      return this;
    }

    public Builder idleTimeoutMillis(long v) {
      idleTimeoutMillis = v;
      return this;
    }

    public Builder h2UpgradePolicy(H2Upgrade v) {
      h2UpgradePolicy = v;
      return this;
    }

    /** Upstream connections speak the protocol the client spoke (HTTP/1.1 or HTTP/2). */
    public Builder useClientProtocol() {
      useClientProtocol = true;
      return this;
    }

    public Builder maxConcurrentStreams(int v) {
      maxConcurrentStreams = v;
      return this;
    }

    public ConnectionPool build() {
      return new ConnectionPool(maxConnections, connectTimeoutMillis, tcpKeepalive, maxConnectionDurationMillis,
          http2MaxRequests, http1MaxPendingRequests, maxRequestsPerConnection, maxRetries, idleTimeoutMillis,
          h2UpgradePolicy, useClientProtocol, maxConcurrentStreams);
    }
  }
}
