package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Subset;

/**
 * What a route hashes on: the consistent hash of its (first) destination's cluster. Envoy and gRPC take the
 * hash from the route but hash onto the cluster's ring, so the route must follow the destination's rule.
 */
final class RouteHashes {
  private RouteHashes() {}

  /** Null when the destination's cluster (port-level settings included) does not use consistent hashing. */
  static ConsistentHash of(String host, String subset, int port, MeshIndex index) {
    DestinationRule rule = ServiceOwners.destinationRule(host, index).orElse(null);
    if (rule == null) {
      return null;
    }
    Subset chosen = null;
    for (Subset s : IrBuilder.distinctSubsets(rule)) {
      if (s.name().equals(subset)) {
        chosen = s;
      }
    }
    return ClusterPolicies.resolve(rule, chosen, port).hash();
  }
}
