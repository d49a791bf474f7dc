package io.meshlog.ingest.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.meshlog.events.Health;
import io.meshlog.events.Workload;
import io.meshlog.ingest.SourceWorkload;
import java.util.Map;
import java.util.TreeMap;

/**
 * One address of a Service without a selector, from the EndpointSlices managed for it by hand (often external
 * IPs, no Pod behind them). It becomes a workload labelled {@code kubernetes.io/service-name=<service>}, the
 * selector such a Service is given, named {@code <service>~<address>} ({@code ~} cannot occur in a Pod's or a
 * WorkloadEntry's name, so it never shares their key); merged over the slices that list the same address.
 */
final class ServiceEndpoint {
  static final String KIND = "EndpointSlice";
  static final String API_VERSION = "discovery.k8s.io/v1";

  private final String namespace;
  private final String service;
  private final String address;
  private final String zone;
  private final String nodeName;
  private final Map<String, Integer> ports = new TreeMap<>();
  private boolean healthy = true;

  ServiceEndpoint(String namespace, String service, String address, String zone, String nodeName) {
    this.namespace = namespace;
    this.service = service;
    this.address = address;
    this.zone = zone == null ? "" : zone;
    this.nodeName = nodeName;
  }

  static String name(String service, String address) {
    return service + "~" + address;
  }

  void merge(Map<String, Integer> slicePorts, Health health) {
    slicePorts.forEach(ports::putIfAbsent);
    healthy &= health == Health.HEALTHY;
  }

  SourceWorkload toWorkload(ClusterSnapshot.Settings settings, Map<String, Node> nodes, String appliedBy) {
    Workload w = Workload.newBuilder()
        .setAddress(address)
        .setPorts(new TreeMap<>(ports))
        .setLabels(new TreeMap<>(Map.of(ClusterSnapshot.SERVICE_NAME_LABEL, service)))
        .setNetwork(settings.network() == null ? "" : settings.network())
        .setLocality(Localities.of(settings, nodeName == null ? null : nodes.get(nodeName), zone))
        .setWeight(0)
        .setServiceAccount("")
        .setHealth(healthy ? Health.HEALTHY : Health.UNHEALTHY)
        .build();
    return new SourceWorkload(API_VERSION, KIND, namespace, name(service, address), w, appliedBy);
  }
}
