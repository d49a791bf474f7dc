package io.meshlog.mesh;

/**
 * Istio's connectionPool limits, compiled to circuit breakers. Every field 0 when unset (proxy default).
 *
 * @param maxConnections tcp.maxConnections
 * @param http2MaxRequests http.http2MaxRequests: concurrent requests to the cluster
 * @param http1MaxPendingRequests http.http1MaxPendingRequests
 * @param maxRequestsPerConnection http.maxRequestsPerConnection
 */
public record ConnectionPool(
    int maxConnections, int http2MaxRequests, int http1MaxPendingRequests, int maxRequestsPerConnection) {}
