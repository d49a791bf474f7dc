package io.meshlog.compiler.core.envoy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.meshlog.schemas.ProxyClasses;

/**
 * Outlier detection. Envoy gets Istio's consecutive-error ejection. gRPC implements only success-rate and
 * failure-percentage ejection (gRFC A50) and ignores consecutive errors, so it gets the closest equivalent:
 * eject an endpoint that failed at least half of at least N requests in an interval, N the consecutive count.
 */
final class OutlierFactory {
  static final int GRPC_FAILURE_PERCENT = 50;

  private OutlierFactory() {}

  static OutlierDetection build(io.meshlog.mesh.OutlierDetection od, String proxyClass) {
    OutlierDetection.Builder b = OutlierDetection.newBuilder();
    if (od.intervalMillis() > 0) {
      b.setInterval(FaultFactory.millis(od.intervalMillis()));
    }
    if (od.baseEjectionTimeMillis() > 0) {
      b.setBaseEjectionTime(FaultFactory.millis(od.baseEjectionTimeMillis()));
    }
    if (od.maxEjectionPercent() > 0) {
      b.setMaxEjectionPercent(UInt32Value.of(od.maxEjectionPercent()));
    }
    if (ProxyClasses.GRPC.equals(proxyClass)) {
      // gRPC counts every failed call, local-origin ones included: the smallest count set is the volume.
      int volume = java.util.stream.IntStream.of(od.consecutive5xxErrors(), od.consecutiveGatewayErrors(),
          od.consecutiveLocalOriginFailures()).filter(n -> n > 0).min().orElse(0);
      return b.setEnforcingSuccessRate(UInt32Value.of(0))
          .setEnforcingFailurePercentage(UInt32Value.of(100))
          .setFailurePercentageThreshold(UInt32Value.of(GRPC_FAILURE_PERCENT))
          .setFailurePercentageMinimumHosts(UInt32Value.of(1))
          .setFailurePercentageRequestVolume(UInt32Value.of(volume))
          .build();
    }
    if (od.consecutive5xxErrors() > 0) {
      b.setConsecutive5Xx(UInt32Value.of(od.consecutive5xxErrors()));
    } else {
      b.setEnforcingConsecutive5Xx(UInt32Value.of(0)); // Envoy would otherwise eject after 5 by default
    }
    if (od.consecutiveGatewayErrors() > 0) {
      b.setConsecutiveGatewayFailure(UInt32Value.of(od.consecutiveGatewayErrors()))
          .setEnforcingConsecutiveGatewayFailure(UInt32Value.of(100)); // Envoy's default enforcement is 0
    }
    if (od.splitExternalLocalOriginErrors()) {
      // As istiod: local-origin failures counted apart, ejecting only through their own consecutive count.
      b.setSplitExternalLocalOriginErrors(true).setEnforcingLocalOriginSuccessRate(UInt32Value.of(0));
      if (od.consecutiveLocalOriginFailures() > 0) {
        b.setConsecutiveLocalOriginFailure(UInt32Value.of(od.consecutiveLocalOriginFailures()))
            .setEnforcingConsecutiveLocalOriginFailure(UInt32Value.of(100));
      }
    }
    return b.build();
  }
}
