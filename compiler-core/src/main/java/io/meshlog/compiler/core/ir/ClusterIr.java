package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.Service;
import java.util.List;

/**
 * One cluster of a service port: the default one (subset empty) or one per DestinationRule subset.
 *
 * @param endpoints sorted by address and port
 * @param resolution the service's: DNS and DNS_ROUND_ROBIN make DNS clusters where the proxy supports them
 */
public record ClusterIr(
    String name, String subset, ClusterPolicy policy, List<EndpointIr> endpoints, Service.Resolution resolution) {
  public ClusterIr {
    endpoints = List.copyOf(endpoints);
  }

  /** A cluster of statically known endpoints (the shape before DNS resolution existed). */
  public ClusterIr(String name, String subset, ClusterPolicy policy, List<EndpointIr> endpoints) {
    this(name, subset, policy, endpoints, Service.Resolution.STATIC);
  }

  public LbPolicy lbPolicy() {
    return policy.lbPolicy();
  }
}
