package io.meshlog.compiler.core.envoy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.envoyproxy.envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's retries, as istiod converts them. Conditions pass through as written (Envoy reads them all; gRPC reads
 * the gRPC status names); HTTP status codes become retriable_status_codes. Envoy routes start from Istio's default
 * policy, which also applies when a route sets no {@code retries}: 2 attempts on Istio's conditions, 5 host
 * selections per try, and hosts already tried avoided unless the route hashes consistently (then the same host is
 * the point). gRPC routes get only what the route sets: grpc-java reads no host predicates or priorities, and a
 * default retry there would retry calls no rule asked to.
 */
final class RetryFactory {
  static final String PREVIOUS_HOSTS = "envoy.retry_host_predicates.previous_hosts";
  static final String PREVIOUS_PRIORITIES = "envoy.retry_priorities.previous_priorities";
  private static final io.meshlog.mesh.RetryPolicy ISTIO_DEFAULT = new io.meshlog.mesh.RetryPolicy(2, 0,
      List.of("connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"));

  private RetryFactory() {}

  /**
   * Null when retrying is disabled (0 attempts) or, for gRPC, not asked for.
   *
   * @param retries the route's, null when it sets none
   * @param hashed whether the route hashes onto a consistent-hash cluster
   */
  static RetryPolicy build(io.meshlog.mesh.RetryPolicy retries, boolean grpc, boolean hashed) {
    if (retries == null && grpc) {
      return null;
    }
    io.meshlog.mesh.RetryPolicy in = retries == null ? ISTIO_DEFAULT : retries;
    if (in.attempts() == 0) {
      return null;
    }
    List<String> conditions = new ArrayList<>();
    RetryPolicy.Builder b = RetryPolicy.newBuilder().setNumRetries(UInt32Value.of(in.attempts()));
    for (String token : in.retryOn()) {
      if (token.matches("\\d+")) {
        b.addRetriableStatusCodes(Integer.parseInt(token));
      } else if (!conditions.contains(token)) {
        conditions.add(token);
      }
    }
    if (b.getRetriableStatusCodesCount() > 0 && !conditions.contains("retriable-status-codes")) {
      conditions.add("retriable-status-codes");
    }
    b.setRetryOn(String.join(",", conditions));
    if (in.perTryTimeoutMillis() > 0) {
      b.setPerTryTimeout(FaultFactory.millis(in.perTryTimeoutMillis()));
    }
    if (in.backoffMillis() > 0) {
      b.setRetryBackOff(RetryPolicy.RetryBackOff.newBuilder().setBaseInterval(FaultFactory.millis(in.backoffMillis())));
    }
    if (!grpc) {
      envoyOnly(in, hashed, b);
    }
    return b.build();
  }

  private static void envoyOnly(io.meshlog.mesh.RetryPolicy in, boolean hashed, RetryPolicy.Builder b) {
    b.setHostSelectionRetryMaxAttempts(5);
    boolean avoid = in.previousHosts() == io.meshlog.mesh.RetryPolicy.PreviousHosts.AVOID
        || (in.previousHosts() == io.meshlog.mesh.RetryPolicy.PreviousHosts.UNSET && !hashed);
    if (avoid) {
      b.addRetryHostPredicate(RetryPolicy.RetryHostPredicate.newBuilder()
          .setName(PREVIOUS_HOSTS)
          .setTypedConfig(Protos.pack(PreviousHostsPredicate.getDefaultInstance())));
    }
    if (in.remoteLocalities() == io.meshlog.mesh.RetryPolicy.RemoteLocalities.RETRY_THERE) {
      b.setRetryPriority(RetryPolicy.RetryPriority.newBuilder()
          .setName(PREVIOUS_PRIORITIES)
          .setTypedConfig(Protos.pack(PreviousPrioritiesConfig.newBuilder().setUpdateFrequency(2).build())));
    }
  }
}
