package io.meshlog.mesh;

import java.util.Map;

/**
 * One network endpoint of a workload, the shape shared by ServiceEntry inline endpoints, WorkloadEntries,
 * Kubernetes endpoints and registered VMs.
 *
 * @param ports port name -> port number on this endpoint; empty means the service's target ports
 * @param locality region/zone/subzone, empty when unknown
 * @param weight load-balancing weight, 0 means unset (treated as 1)
 */
public record Endpoint(
    String address,
    Map<String, Integer> ports,
    Map<String, String> labels,
    String network,
    String locality,
    int weight,
    String serviceAccount,
    boolean healthy) {

  public Endpoint {
    ports = Map.copyOf(ports);
    labels = Map.copyOf(labels);
  }
}
