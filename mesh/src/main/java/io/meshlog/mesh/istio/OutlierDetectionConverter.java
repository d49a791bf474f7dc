package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.OutlierDetection;
import java.util.Set;

/**
 * {@code outlierDetection}: consecutive errors (5xx, gateway, local-origin) that eject an endpoint, how often and for
 * how long, and the panic threshold.
 */
final class OutlierDetectionConverter {
  private OutlierDetectionConverter() {}

  static OutlierDetection convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("consecutive5xxErrors", "consecutiveGatewayErrors", "interval",
        "baseEjectionTime", "maxEjectionPercent", "minHealthPercent", "splitExternalLocalOriginErrors",
        "consecutiveLocalOriginFailures"));
    int fiveXx = ConnectionPoolConverter.positive(node, "consecutive5xxErrors", path, errors);
    int gateway = ConnectionPoolConverter.positive(node, "consecutiveGatewayErrors", path, errors);
    int localOrigin = ConnectionPoolConverter.positive(node, "consecutiveLocalOriginFailures", path, errors);
    boolean split = node.path("splitExternalLocalOriginErrors").asBoolean(false);
    if (localOrigin > 0 && !split) {
      errors.add(path + ".consecutiveLocalOriginFailures", "needs splitExternalLocalOriginErrors: true (Istio's rule)");
    }
    if (fiveXx == 0 && gateway == 0 && localOrigin == 0 && errors.isEmpty()) {
      errors.add(path, "one of consecutive5xxErrors, consecutiveGatewayErrors or consecutiveLocalOriginFailures "
          + "is required");
    }
    int minHealth = node.path("minHealthPercent").asInt(0);
    if (minHealth < 0 || minHealth > 100) {
      errors.add(path + ".minHealthPercent", "must be 0..100");
    }
    int maxPercent = node.path("maxEjectionPercent").asInt(0);
    if (maxPercent < 0 || maxPercent > 100) {
      errors.add(path + ".maxEjectionPercent", "must be 0..100");
    }
    return new OutlierDetection(fiveXx, gateway, duration(node, "interval", path, errors),
        duration(node, "baseEjectionTime", path, errors), maxPercent, Math.max(0, Math.min(100, minHealth)), split,
        localOrigin);
  }

  private static long duration(JsonNode node, String field, String path, Errors errors) {
    if (!node.hasNonNull(field)) {
      return 0;
    }
    return Math.max(0, Durations.millis(node.get(field).asText(), path + "." + field, errors, false));
  }
}
