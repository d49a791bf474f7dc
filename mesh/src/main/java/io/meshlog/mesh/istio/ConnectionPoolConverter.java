package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.ConnectionPool;
import java.util.Set;

/** {@code connectionPool}: the limits that become circuit-breaker thresholds. */
final class ConnectionPoolConverter {
  private ConnectionPoolConverter() {}

  static ConnectionPool convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("tcp", "http"));
    JsonNode tcp = node.path("tcp");
    JsonNode http = node.path("http");
    Fields.onlySupported(tcp, path + ".tcp", errors, Set.of("maxConnections"));
    Fields.onlySupported(http, path + ".http", errors,
        Set.of("http2MaxRequests", "http1MaxPendingRequests", "maxRequestsPerConnection"));
    return new ConnectionPool(
        positive(tcp, "maxConnections", path + ".tcp", errors),
        positive(http, "http2MaxRequests", path + ".http", errors),
        positive(http, "http1MaxPendingRequests", path + ".http", errors),
        positive(http, "maxRequestsPerConnection", path + ".http", errors));
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
