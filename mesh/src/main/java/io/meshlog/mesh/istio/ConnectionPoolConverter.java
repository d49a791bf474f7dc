package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.ConnectionPool;
import java.util.Set;

/** {@code connectionPool}: limits (circuit-breaker thresholds), timeouts and connection options. */
final class ConnectionPoolConverter {
  private ConnectionPoolConverter() {}

  static ConnectionPool convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("tcp", "http"));
    JsonNode tcp = node.path("tcp");
    JsonNode http = node.path("http");
    String tcpPath = path + ".tcp";
    String httpPath = path + ".http";
    Fields.onlySupported(tcp, tcpPath, errors,
        Set.of("maxConnections", "connectTimeout", "tcpKeepalive", "maxConnectionDuration"));
    Fields.onlySupported(http, httpPath, errors, Set.of("http2MaxRequests", "http1MaxPendingRequests",
        "maxRequestsPerConnection", "maxRetries", "idleTimeout", "h2UpgradePolicy", "useClientProtocol",
        "maxConcurrentStreams"));
    ConnectionPool.Builder b = ConnectionPool.builder()
        .maxConnections(positive(tcp, "maxConnections", tcpPath, errors))
        .connectTimeoutMillis(duration(tcp, "connectTimeout", tcpPath, errors))
        .maxConnectionDurationMillis(duration(tcp, "maxConnectionDuration", tcpPath, errors))
        .http2MaxRequests(positive(http, "http2MaxRequests", httpPath, errors))
        .http1MaxPendingRequests(positive(http, "http1MaxPendingRequests", httpPath, errors))
        .maxRequestsPerConnection(positive(http, "maxRequestsPerConnection", httpPath, errors))
        .maxRetries(positive(http, "maxRetries", httpPath, errors))
        .idleTimeoutMillis(duration(http, "idleTimeout", httpPath, errors))
        .maxConcurrentStreams(positive(http, "maxConcurrentStreams", httpPath, errors));
    if (tcp.hasNonNull("tcpKeepalive")) {
      b.tcpKeepalive(keepalive(tcp.get("tcpKeepalive"), tcpPath + ".tcpKeepalive", errors));
    }
    if (http.hasNonNull("h2UpgradePolicy")) {
      b.h2UpgradePolicy(switch (http.get("h2UpgradePolicy").asText()) {
        case "UPGRADE" -> ConnectionPool.H2Upgrade.UPGRADE;
        case "DO_NOT_UPGRADE" -> ConnectionPool.H2Upgrade.DO_NOT_UPGRADE;
        default -> ConnectionPool.H2Upgrade.DEFAULT;
      });
    }
    if (http.path("useClientProtocol").asBoolean(false)) {
      b.useClientProtocol();
    }
    return b.build();
  }

  private static ConnectionPool.TcpKeepalive keepalive(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("probes", "time", "interval"));
    return new ConnectionPool.TcpKeepalive(positive(node, "probes", path, errors),
        seconds(node, "time", path, errors), seconds(node, "interval", path, errors));
  }

  /** Envoy counts keepalive time and interval in whole seconds. */
  private static long seconds(JsonNode parent, String field, String path, Errors errors) {
    long ms = duration(parent, field, path, errors);
    if (ms % 1000 != 0) {
      errors.add(path + "." + field, "must be whole seconds (Envoy's keepalive unit), e.g. 30s");
    }
    return ms;
  }

  /** 0 when unset; a set duration must be at least 1 ms. */
  private static long duration(JsonNode parent, String field, String path, Errors errors) {
    if (!parent.hasNonNull(field)) {
      return 0;
    }
    return Math.max(0, Durations.millis(parent.get(field).asText(), path + "." + field, errors, false));
  }

  /** 0 when unset; a set limit must be at least 1 (Istio rejects 0 and negative limits). */
  static int positive(JsonNode parent, String field, String path, Errors errors) {
    if (!parent.hasNonNull(field)) {
      return 0;
    }
    int v = parent.get(field).asInt();
    if (v < 1) {
      errors.add(path + "." + field, "must be at least 1");
      return 0;
    }
    return v;
  }
}
