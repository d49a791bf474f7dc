package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Duration;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import io.meshlog.mesh.FaultPolicy;

/** A route's fault as the per-route config of the fault filter (Envoy and gRPC read the same shape). */
final class FaultFactory {
  private FaultFactory() {}

  static HTTPFault build(FaultPolicy fault) {
    HTTPFault.Builder b = HTTPFault.newBuilder();
    if (fault.delay() != null) {
      b.setDelay(FaultDelay.newBuilder()
          .setFixedDelay(millis(fault.delay().fixedDelayMillis()))
          .setPercentage(percent(fault.delay().percent())));
    }
    if (fault.abort() != null) {
      FaultAbort.Builder a = FaultAbort.newBuilder().setPercentage(percent(fault.abort().percent()));
      switch (fault.abort().kind()) {
        case HTTP -> a.setHttpStatus(fault.abort().code());
        case GRPC -> a.setGrpcStatus(fault.abort().code());
      }
      b.setAbort(a);
    }
    return b.build();
  }

  /** Per million, so Istio's fractional percentages (e.g. 0.1) survive. */
  static FractionalPercent percent(double percent) {
    return FractionalPercent.newBuilder()
        .setNumerator((int) Math.round(percent * 10_000))
        .setDenominator(FractionalPercent.DenominatorType.MILLION)
        .build();
  }

  static Duration millis(long ms) {
    return Duration.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000).build();
  }
}
