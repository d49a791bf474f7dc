package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.RoutePolicy;
import java.util.List;

/**
 * One Envoy route: a single match (an HTTP route with several matches becomes several of these, in order).
 *
 * @param name route name, empty when the VirtualService gave none
 * @param match null to match every request (prefix "/")
 * @param targets one entry: a plain cluster route; several: weighted clusters. A route that answers by itself
 *     (redirect, direct response) targets the service's default cluster, which only gRPC uses (see RouteFactory)
 * @param policy timeout, retries, fault, header edits... of the VirtualService route
 * @param hash the consistent hash of the first target's cluster, null when it does not hash
 * @param mirrors clusters that get copies of the traffic
 */
public record RouteIr(
    String name,
    HttpMatch match,
    List<ClusterWeight> targets,
    RoutePolicy policy,
    ConsistentHash hash,
    List<MirrorIr> mirrors) {
  public RouteIr {
    targets = List.copyOf(targets);
    mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
  }

  public RouteIr(String name, HttpMatch match, List<ClusterWeight> targets, RoutePolicy policy, ConsistentHash hash) {
    this(name, match, targets, policy, hash, List.of());
  }
}
