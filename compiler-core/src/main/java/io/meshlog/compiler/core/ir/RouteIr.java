package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.HttpMatch;
import java.util.List;

/**
 * One Envoy route: a single match (an HTTP route with several matches becomes several of these, in order).
 *
 * @param name route name, empty when the VirtualService gave none
 * @param match null to match every request (prefix "/")
 * @param targets one entry: a plain cluster route; several: weighted clusters
 */
public record RouteIr(String name, HttpMatch match, List<ClusterWeight> targets) {
  public RouteIr {
    targets = List.copyOf(targets);
  }
}
