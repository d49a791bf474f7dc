package io.meshlog.mesh;

/**
 * A weighted destination of a route.
 *
 * @param host fully qualified host
 * @param subset subset name, empty for the whole service
 * @param port destination port, 0 when the service has exactly one port
 * @param weight share of traffic in percent; 0 when the route has a single destination
 * @param headers header edits for requests sent to this destination
 */
public record RouteDestination(String host, String subset, int port, int weight, DestinationHeaders headers) {
  public RouteDestination {
    headers = headers == null ? DestinationHeaders.NONE : headers;
  }

  public RouteDestination(String host, String subset, int port, int weight) {
    this(host, subset, port, weight, DestinationHeaders.NONE);
  }
}
