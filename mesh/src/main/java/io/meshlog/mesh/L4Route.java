package io.meshlog.mesh;

import java.util.List;

/**
 * A TCP or TLS route of a VirtualService: it applies when any of its matches does (no matches: always), and
 * forwards the whole connection to the weighted destinations (no HTTP policy: the proxy sees only bytes).
 */
public record L4Route(List<L4Match> matches, List<RouteDestination> destinations) {
  public L4Route {
    matches = List.copyOf(matches);
    destinations = List.copyOf(destinations);
  }
}
