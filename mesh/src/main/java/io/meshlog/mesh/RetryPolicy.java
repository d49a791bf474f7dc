package io.meshlog.mesh;

import java.util.List;

/**
 * Istio's HTTPRetry.
 *
 * @param attempts retries after the first try; 0 disables retrying
 * @param perTryTimeoutMillis 0 when each try may use the whole route timeout
 * @param retryOn Envoy retry conditions and gRPC status names ({@code unavailable}), in the order written
 */
public record RetryPolicy(int attempts, long perTryTimeoutMillis, List<String> retryOn) {
  public RetryPolicy {
    retryOn = List.copyOf(retryOn);
  }
}
