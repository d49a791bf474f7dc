package io.meshlog.mesh;

/**
 * Istio's outlierDetection: eject endpoints that keep failing. Every number 0 when unset (proxy default).
 *
 * @param consecutive5xxErrors 5xx (or gRPC failures) in a row that eject an endpoint
 * @param consecutiveGatewayErrors 502/503/504 in a row that eject an endpoint
 * @param minHealthPercent below this share of healthy endpoints ejection stops (Envoy's panic threshold); 0, as
 *     Istio defaults it, disables panic mode
 * @param splitExternalLocalOriginErrors count local-origin failures (connect errors, timeouts) apart from the
 *     upstream's responses
 * @param consecutiveLocalOriginFailures local-origin failures in a row that eject an endpoint; needs the split
 */
public record OutlierDetection(
    int consecutive5xxErrors,
    int consecutiveGatewayErrors,
    long intervalMillis,
    long baseEjectionTimeMillis,
    int maxEjectionPercent,
    int minHealthPercent,
    boolean splitExternalLocalOriginErrors,
    int consecutiveLocalOriginFailures) {

  /** The shape before local-origin errors and the panic threshold existed. */
  public OutlierDetection(int consecutive5xxErrors, int consecutiveGatewayErrors, long intervalMillis,
      long baseEjectionTimeMillis, int maxEjectionPercent) {
    this(consecutive5xxErrors, consecutiveGatewayErrors, intervalMillis, baseEjectionTimeMillis, maxEjectionPercent,
        0, false, 0);
  }
}
