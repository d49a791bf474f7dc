package io.meshlog.compiler.core.ir;

import java.util.List;

/**
 * One cluster of a service port: the default one (subset empty) or one per DestinationRule subset.
 *
 * @param endpoints sorted by address and port
 */
public record ClusterIr(String name, String subset, ClusterPolicy policy, List<EndpointIr> endpoints) {
  public ClusterIr {
    endpoints = List.copyOf(endpoints);
  }

  public LbPolicy lbPolicy() {
    return policy.lbPolicy();
  }
}
