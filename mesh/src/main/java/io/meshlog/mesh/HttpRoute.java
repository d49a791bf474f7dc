package io.meshlog.mesh;

import java.util.List;

/**
 * One HTTP route: it applies when any of its matches does (no matches: always), and sends traffic to the
 * weighted destinations.
 */
public record HttpRoute(String name, List<HttpMatch> matches, List<RouteDestination> destinations) {
  public HttpRoute {
    matches = List.copyOf(matches);
    destinations = List.copyOf(destinations);
  }
}
