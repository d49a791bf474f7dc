package io.meshlog.mesh;

import java.util.List;
import java.util.Map;

/**
 * A service: hosts and ports, and where its instances come from, either inline endpoints or a selector over
 * workloads in the same namespace. From an Istio ServiceEntry (and later Kubernetes Services).
 *
 * @param workloadSelector labels a workload must carry to be an instance; empty map means no selector
 */
public record Service(
    ObjectRef ref,
    List<String> hosts,
    List<String> addresses,
    List<ServicePort> ports,
    Location location,
    Resolution resolution,
    List<Endpoint> endpoints,
    Map<String, String> workloadSelector,
    List<String> exportTo)
    implements MeshObject {

  public Service {
    hosts = List.copyOf(hosts);
    addresses = List.copyOf(addresses);
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
    workloadSelector = Map.copyOf(workloadSelector);
    exportTo = List.copyOf(exportTo);
  }

  public enum Location { MESH_EXTERNAL, MESH_INTERNAL }

  public enum Resolution { NONE, STATIC, DNS, DNS_ROUND_ROBIN }

  public boolean selectsWorkloads() {
    return !workloadSelector.isEmpty();
  }
}
