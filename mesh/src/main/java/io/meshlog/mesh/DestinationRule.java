package io.meshlog.mesh;

import java.util.List;

/** Policies for traffic to one host after routing: load balancing and subsets. */
public record DestinationRule(
    ObjectRef ref, String host, TrafficPolicy trafficPolicy, List<Subset> subsets, List<String> exportTo)
    implements MeshObject {

  public DestinationRule {
    subsets = List.copyOf(subsets);
    exportTo = List.copyOf(exportTo);
  }
}
