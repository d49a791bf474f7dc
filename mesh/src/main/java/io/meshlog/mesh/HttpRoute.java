package io.meshlog.mesh;

import java.util.List;

/**
 * One HTTP route: it applies when any of its matches does (no matches: always), and sends traffic to the
 * weighted destinations under its policy (timeout, retries, faults, header edits), or, with a
 * {@link Delegate}, hands it to the delegate VirtualService's routes.
 *
 * @param delegate null unless the route delegates (then it has no destinations)
 */
public record HttpRoute(
    String name, List<HttpMatch> matches, List<RouteDestination> destinations, RoutePolicy policy, Delegate delegate) {
  public HttpRoute {
    matches = List.copyOf(matches);
    destinations = List.copyOf(destinations);
    policy = policy == null ? RoutePolicy.NONE : policy;
  }

  public HttpRoute(String name, List<HttpMatch> matches, List<RouteDestination> destinations, RoutePolicy policy) {
    this(name, matches, destinations, policy, null);
  }

  /** A route without policy (the shape before policies existed). */
  public HttpRoute(String name, List<HttpMatch> matches, List<RouteDestination> destinations) {
    this(name, matches, destinations, RoutePolicy.NONE);
  }
}
