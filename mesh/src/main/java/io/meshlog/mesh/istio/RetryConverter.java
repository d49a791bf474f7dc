package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A route's {@code retries}: attempts, perTryTimeout, retryOn (Envoy conditions and gRPC status names), whether to
 * avoid hosts already tried, whether to retry in other localities, and the backoff.
 */
final class RetryConverter {
  /** Istio's default when retryOn is empty. */
  static final List<String> DEFAULT_RETRY_ON =
      List.of("connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes");
  static final Set<String> GRPC_CONDITIONS =
      Set.of("cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");
  private static final Set<String> HTTP_CONDITIONS = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
      "connect-failure", "envoy-ratelimited", "retriable-4xx", "refused-stream", "retriable-status-codes",
      "retriable-headers", "http3-post-connect-failure");

  private RetryConverter() {}

  static RetryPolicy convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("attempts", "perTryTimeout", "retryOn",
        "retryIgnorePreviousHosts", "retryRemoteLocalities", "backoff"));
    int attempts = node.path("attempts").asInt(0);
    if (attempts < 0) {
      errors.add(path + ".attempts", "must be 0 or more");
    }
    long perTry = 0;
    if (node.hasNonNull("perTryTimeout")) {
      perTry = Math.max(0, Durations.millis(node.get("perTryTimeout").asText(), path + ".perTryTimeout", errors, false));
    }
    List<String> retryOn = new ArrayList<>();
    String written = node.path("retryOn").asText("");
    for (String token : written.split(",")) {
      String t = token.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (!HTTP_CONDITIONS.contains(t) && !GRPC_CONDITIONS.contains(t) && !t.matches("[1-5]\\d\\d")) {
        errors.add(path + ".retryOn", "unknown retry condition \"" + t + "\": use Envoy conditions (5xx,"
            + " connect-failure, ...), gRPC statuses (unavailable, cancelled, deadline-exceeded, internal,"
            + " resource-exhausted) or HTTP status codes");
      }
      retryOn.add(t);
    }
    RetryPolicy.PreviousHosts previous = !node.hasNonNull("retryIgnorePreviousHosts") ? RetryPolicy.PreviousHosts.UNSET
        : node.get("retryIgnorePreviousHosts").asBoolean() ? RetryPolicy.PreviousHosts.AVOID
        : RetryPolicy.PreviousHosts.ALLOW;
    RetryPolicy.RemoteLocalities remote = node.path("retryRemoteLocalities").asBoolean(false)
        ? RetryPolicy.RemoteLocalities.RETRY_THERE : RetryPolicy.RemoteLocalities.STAY;
    long backoff = 0;
    if (node.hasNonNull("backoff")) {
      backoff = Math.max(0, Durations.millis(node.get("backoff").asText(), path + ".backoff", errors, false));
    }
    return new RetryPolicy(attempts, perTry, retryOn.isEmpty() ? DEFAULT_RETRY_ON : retryOn, previous, remote,
        backoff);
  }
}
