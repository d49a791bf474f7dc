package io.meshlog.mesh;

import java.util.List;

/**
 * One HTTP route: it applies when any of its matches does (no matches: always), and sends traffic to the
 * weighted destinations under its policy (timeout, retries, faults, header edits).
 */
public record HttpRoute(String name, List<HttpMatch> matches, List<RouteDestination> destinations, RoutePolicy policy) {
  public HttpRoute {
    matches = List.copyOf(matches);
    destinations = List.copyOf(destinations);
    policy = policy == null ? RoutePolicy.NONE : policy;
  }

  /** A route without policy (the shape before policies existed). */
  public HttpRoute(String name, List<HttpMatch> matches, List<RouteDestination> destinations) {
    this(name, matches, destinations, RoutePolicy.NONE);
  }
}
