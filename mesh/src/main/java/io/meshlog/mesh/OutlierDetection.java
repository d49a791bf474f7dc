package io.meshlog.mesh;

/**
 * Istio's outlierDetection: eject endpoints that keep failing. Every field 0 when unset (proxy default).
 *
 * @param consecutive5xxErrors 5xx (or gRPC failures) in a row that eject an endpoint
 * @param consecutiveGatewayErrors 502/503/504 in a row that eject an endpoint
 */
public record OutlierDetection(
    int consecutive5xxErrors,
    int consecutiveGatewayErrors,
    long intervalMillis,
    long baseEjectionTimeMillis,
    int maxEjectionPercent) {}
