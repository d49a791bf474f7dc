package io.meshlog.ingest.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.meshlog.events.Health;
import io.meshlog.events.Workload;
import io.meshlog.ingest.Rejection;
import io.meshlog.ingest.SourceConfig;
import io.meshlog.ingest.SourceSnapshot;
import io.meshlog.ingest.SourceWorkload;
import io.meshlog.mesh.istio.ValidationException;
import io.meshlog.mesh.kubernetes.KubernetesAdapter;
import io.meshlog.mesh.kubernetes.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one Kubernetes cluster holds, as registry objects (pure): every Service (but ExternalName) as a config
 * object, every pod behind an EndpointSlice as a workload (the slice gives address, ports, target ports already
 * resolved, named ones included, and health, see {@link EndpointHealth}; the pod gives labels and service
 * account; its node the locality, see {@link Localities}), the addresses of the hand-made slices of Services
 * without a selector ({@link ServiceEndpoint}), and the Istio objects stored in the cluster
 * ({@link ClusterIstio}). Objects in namespaces that no longer exist are left out.
 */
public final class ClusterSnapshot {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  static final String NETWORK_LABEL = "topology.istio.io/network";

  /**
   * @param region the region of endpoints whose node has no region label (default: the cluster ID)
   */
  public record Settings(String clusterId, String network, String region) {}

  private ClusterSnapshot() {}

  public static SourceSnapshot build(Settings settings, ClusterState state) {
    Set<String> live = state.namespaces().stream()
        .filter(n -> n.getMetadata().getDeletionTimestamp() == null)
        .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
    String appliedBy = "kubernetes/" + settings.clusterId();
    ClusterIstio.Result out = new ClusterIstio.Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Set<String> selectorless = new HashSet<>();
    for (Service s : state.services()) {
      if (live.contains(s.getMetadata().getNamespace()) && !"ExternalName".equals(s.getSpec().getType())) {
        service(settings, s, appliedBy, out.configs(), out.rejections());
        if (nonNull(s.getSpec().getSelector()).isEmpty()) {
          selectorless.add(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());
        }
      }
    }
    Map<String, Pod> podsByName = new HashMap<>();
    state.pods().forEach(p -> podsByName.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p));
    Map<String, Node> nodes = new HashMap<>();
    state.nodes().forEach(n -> nodes.put(n.getMetadata().getName(), n));
    Map<String, PodEndpoint> byPod = new TreeMap<>();
    Map<String, ServiceEndpoint> byAddress = new TreeMap<>();
    for (EndpointSlice slice : state.slices()) {
      String ns = slice.getMetadata().getNamespace();
      String service = nonNull(slice.getMetadata().getLabels()).get(SERVICE_NAME_LABEL);
      if (!live.contains(ns)) {
        continue;
      }
      if (service != null && selectorless.contains(ns + "/" + service)) {
        serviceEndpoints(slice, service, byAddress);
      } else {
        endpoints(slice, podsByName, byPod);
      }
    }
    byPod.forEach((key, e) -> out.workloads().add(e.toWorkload(settings, nodes, appliedBy)));
    byAddress.forEach((key, e) -> out.workloads().add(e.toWorkload(settings, nodes, appliedBy)));
    for (GenericKubernetesResource r : state.istio()) {
      if (live.contains(r.getMetadata().getNamespace())) {
        ClusterIstio.add(settings, r, appliedBy, byPod.keySet(), out);
      }
    }
    return SourceSnapshot.of(out.configs(), out.workloads(), out.rejections());
  }

  private static void service(Settings settings, Service s, String appliedBy, List<SourceConfig> configs,
      List<Rejection> rejections) {
    String ns = s.getMetadata().getNamespace();
    String name = s.getMetadata().getName();
    List<ServiceSpec.Port> ports = new ArrayList<>();
    for (var p : nonNull(s.getSpec().getPorts())) {
      IntOrString target = p.getTargetPort();
      int targetPort = target != null && target.getIntVal() != null ? target.getIntVal() : 0;
      ports.add(new ServiceSpec.Port(p.getName(), p.getPort() == null ? 0 : p.getPort(), targetPort,
          p.getProtocol(), p.getAppProtocol()));
    }
    // Without a selector, the Service's endpoints are its hand-made slices' (ServiceEndpoint), labelled so.
    Map<String, String> selector = nonNull(s.getSpec().getSelector()).isEmpty()
        ? Map.of(SERVICE_NAME_LABEL, name) : s.getSpec().getSelector();
    String json = KubernetesAdapter.toJson(new ServiceSpec(s.getSpec().getClusterIP(), ports, selector));
    try {
      KubernetesAdapter.toModel(settings.clusterId(), ns, name, json);
      configs.add(new SourceConfig(KubernetesAdapter.API_VERSION, KubernetesAdapter.KIND, ns, name,
          nonNull(s.getMetadata().getLabels()), json, appliedBy, s.getMetadata().getResourceVersion()));
    } catch (ValidationException e) {
      rejections.add(new Rejection(KubernetesAdapter.KIND, ns, name, e.getMessage(), appliedBy));
    }
  }

  /** Every address of a selector-less Service's slice, with or without a Pod behind it. */
  private static void serviceEndpoints(EndpointSlice slice, String service, Map<String, ServiceEndpoint> byAddress) {
    String ns = slice.getMetadata().getNamespace();
    Map<String, Integer> ports = ports(slice);
    for (Endpoint e : nonNull(slice.getEndpoints())) {
      for (String address : nonNull(e.getAddresses())) {
        byAddress.computeIfAbsent(ns + "/" + ServiceEndpoint.name(service, address),
            k -> new ServiceEndpoint(ns, service, address, e.getZone(), e.getNodeName()))
            .merge(ports, EndpointHealth.of(e.getConditions()));
      }
    }
  }

  private static Map<String, Integer> ports(EndpointSlice slice) {
    Map<String, Integer> ports = new TreeMap<>();
    for (EndpointPort p : nonNull(slice.getPorts())) {
      if (p.getPort() != null) {
        ports.put(p.getName() == null ? "" : p.getName(), p.getPort());
      }
    }
    return ports;
  }

  private static void endpoints(EndpointSlice slice, Map<String, Pod> pods, Map<String, PodEndpoint> byPod) {
    String ns = slice.getMetadata().getNamespace();
    Map<String, Integer> ports = ports(slice);
    for (Endpoint e : nonNull(slice.getEndpoints())) {
      ObjectReference ref = e.getTargetRef();
      // Endpoints without a pod have no labels a selector could pick: only a selector-less Service's are read.
      if (ref == null || !"Pod".equals(ref.getKind()) || nonNull(e.getAddresses()).isEmpty()) {
        continue;
      }
      Pod pod = pods.get(ns + "/" + ref.getName());
      if (pod == null) {
        continue; // the pod informer has not seen it yet; a later snapshot will
      }
      boolean ready = EndpointHealth.of(e.getConditions()) == Health.HEALTHY;
      byPod.computeIfAbsent(ns + "/" + ref.getName(), k -> new PodEndpoint(pod, e.getAddresses().get(0), e.getZone()))
          .merge(ports, ready);
    }
  }

  /** One pod's endpoint, merged over the slices of every service that selects it. */
  private static final class PodEndpoint {
    private final Pod pod;
    private final String address;
    private final String zone;
    private final Map<String, Integer> ports = new TreeMap<>();
    private boolean ready = true;

    PodEndpoint(Pod pod, String address, String zone) {
      this.pod = pod;
      this.address = address;
      this.zone = zone == null ? "" : zone;
    }

    void merge(Map<String, Integer> slicePorts, boolean sliceReady) {
      slicePorts.forEach(ports::putIfAbsent);
      ready &= sliceReady;
    }

    SourceWorkload toWorkload(Settings settings, Map<String, Node> nodes, String appliedBy) {
      Map<String, String> labels = new TreeMap<>(nonNull(pod.getMetadata().getLabels()));
      String network = labels.getOrDefault(NETWORK_LABEL, settings.network() == null ? "" : settings.network());
      String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      String sa = pod.getSpec() == null || pod.getSpec().getServiceAccountName() == null
          ? "" : pod.getSpec().getServiceAccountName();
      Workload w = Workload.newBuilder()
          .setAddress(address)
          .setPorts(new TreeMap<>(ports))
          .setLabels(labels)
          .setNetwork(network)
          .setLocality(Localities.of(settings, nodeName == null ? null : nodes.get(nodeName), zone))
          .setWeight(0)
          .setServiceAccount(sa)
          .setHealth(ready ? Health.HEALTHY : Health.UNHEALTHY)
          .build();
      return new SourceWorkload("v1", "Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), w,
          appliedBy);
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, String> nonNull(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
