package io.meshlog.mesh;

import java.util.List;

/**
 * Istio's HTTPRetry.
 *
 * @param attempts retries after the first try; 0 disables retrying
 * @param perTryTimeoutMillis 0 when each try may use the whole route timeout
 * @param retryOn Envoy retry conditions and gRPC status names ({@code unavailable}), in the order written
 * @param previousHosts retryIgnorePreviousHosts as written (unset: Istio's default, avoid them unless the route
 *     hashes consistently)
 * @param remoteLocalities retryRemoteLocalities: retries may move on to other localities' priorities
 * @param backoffMillis backoff: the base interval between retries; 0 for the proxy's default
 */
public record RetryPolicy(
    int attempts,
    long perTryTimeoutMillis,
    List<String> retryOn,
    PreviousHosts previousHosts,
    RemoteLocalities remoteLocalities,
    long backoffMillis) {
  public RetryPolicy {
    retryOn = List.copyOf(retryOn);
  }

  public enum PreviousHosts { UNSET, AVOID, ALLOW }

  public enum RemoteLocalities { STAY, RETRY_THERE }

  /** Attempts, per-try timeout and conditions only (the shape before the other fields existed). */
  public RetryPolicy(int attempts, long perTryTimeoutMillis, List<String> retryOn) {
    this(attempts, perTryTimeoutMillis, retryOn, PreviousHosts.UNSET, RemoteLocalities.STAY, 0);
  }
}
