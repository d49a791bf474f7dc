package io.meshlog.mesh;

/**
 * A weighted destination of a route.
 *
 * @param host fully qualified host
 * @param subset subset name, empty for the whole service
 * @param port destination port, 0 when the service has exactly one port
 * @param weight share of traffic in percent; 0 when the route has a single destination
 */
public record RouteDestination(String host, String subset, int port, int weight) {}
