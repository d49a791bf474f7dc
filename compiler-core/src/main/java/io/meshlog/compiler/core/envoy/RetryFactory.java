package io.meshlog.compiler.core.envoy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's retries. Conditions pass through as written (Envoy reads them all; gRPC reads the gRPC status
 * names); HTTP status codes become retriable_status_codes, as Istio does.
 */
final class RetryFactory {
  private RetryFactory() {}

  /** Null when retrying is disabled (0 attempts). */
  static RetryPolicy build(io.meshlog.mesh.RetryPolicy retries) {
    if (retries.attempts() == 0) {
      return null;
    }
    List<String> conditions = new ArrayList<>();
    RetryPolicy.Builder b = RetryPolicy.newBuilder().setNumRetries(UInt32Value.of(retries.attempts()));
    for (String token : retries.retryOn()) {
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
    if (retries.perTryTimeoutMillis() > 0) {
      b.setPerTryTimeout(FaultFactory.millis(retries.perTryTimeoutMillis()));
    }
    return b.build();
  }
}
