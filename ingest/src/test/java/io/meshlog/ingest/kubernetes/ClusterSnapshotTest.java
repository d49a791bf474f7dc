package io.meshlog.ingest.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.meshlog.events.Health;
import io.meshlog.events.Workload;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.meshlog.ingest.Rejection;
import io.meshlog.ingest.SourceConfig;
import io.meshlog.ingest.SourceSnapshot;
import io.meshlog.ingest.SourceWorkload;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
  private static final ClusterSnapshot.Settings SETTINGS = new ClusterSnapshot.Settings("cluster-a", "net-a", "");
  private static final List<Namespace> NAMESPACES =
      List.of(new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build());

  @Test
  void istioObjectsBecomeConfigsWorkloadsOrRejections() {
    GenericKubernetesResource vs = istio("VirtualService", "echo", Map.of("hosts", List.of("echo.demo.svc"),
        "http", List.of(Map.of("route", List.of(Map.of("destination", Map.of("host", "echo.demo.svc")))))));
    GenericKubernetesResource broken = istio("VirtualService", "broken", Map.of("http", "not-a-list"));
    GenericKubernetesResource we = istio("WorkloadEntry", "vm-1",
        Map.of("address", "10.0.0.9", "labels", Map.of("app", "echo"), "ports", Map.of("grpc", 9000)));
    GenericKubernetesResource clash = istio("WorkloadEntry", "p-1", Map.of("address", "10.0.0.8"));
    SourceSnapshot s = ClusterSnapshot.build(SETTINGS, new ClusterState(NAMESPACES, List.of(),
        List.of(slice("p-1", "10.0.0.1", "z-slice")), List.of(pod("p-1", null)), List.of(), List.of(vs, broken, we, clash)));

    SourceConfig config = s.configs().get(0);
    assertEquals(1, s.configs().size());
    assertEquals(List.of("networking.istio.io/v1", "VirtualService", "demo", "echo", "kubernetes/cluster-a", "7"),
        List.of(config.apiVersion(), config.kind(), config.namespace(), config.name(), config.appliedBy(),
            config.resourceVersion()));
    assertEquals("{\"hosts\":[\"echo.demo.svc\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\"echo.demo.svc\"}}]}]}",
        config.specJson(), "canonical spec JSON: server metadata and status are not part of it");
    Map<String, SourceWorkload> workloads = new TreeMap<>();
    s.workloads().forEach(w -> workloads.put(w.kind() + "/" + w.name(), w));
    assertEquals(List.of("Pod/p-1", "WorkloadEntry/vm-1"), List.copyOf(workloads.keySet()));
    assertEquals("10.0.0.9", workloads.get("WorkloadEntry/vm-1").workload().getAddress());
    assertEquals(Map.of("grpc", 9000), workloads.get("WorkloadEntry/vm-1").workload().getPorts());
    Map<String, String> rejected = new TreeMap<>();
    s.rejections().forEach(r -> rejected.put(r.kind() + "/" + r.name(), r.reason()));
    assertEquals(List.of("VirtualService/broken", "WorkloadEntry/p-1"), List.copyOf(rejected.keySet()));
    assertTrue(rejected.get("VirtualService/broken").contains("spec.http"), rejected.toString());
    assertTrue(s.rejections().stream().map(Rejection::source).allMatch("kubernetes/cluster-a"::equals));
  }

  @Test
  void localityComesFromTheNodeElseTheConfiguredRegionAndTheSliceZone() {
    List<Node> nodes = List.of(
        node("labelled", Map.of(Localities.REGION, "us-east-1", Localities.ZONE, "us-east-1a",
            Localities.SUBZONE, "rack-7")),
        node("legacy", Map.of(Localities.LEGACY_REGION, "eu-1", Localities.LEGACY_ZONE, "eu-1b")),
        node("bare", Map.of()));
    List<Pod> pods = List.of(pod("p-1", "labelled"), pod("p-2", "legacy"), pod("p-3", "bare"), pod("p-4", null));
    List<EndpointSlice> slices = List.of(slice("p-1", "10.0.0.1", "z-slice"), slice("p-2", "10.0.0.2", "z-slice"),
        slice("p-3", "10.0.0.3", "z-slice"), slice("p-4", "10.0.0.4", ""));
    Map<String, String> localities = new TreeMap<>();
    ClusterSnapshot.build(SETTINGS, new ClusterState(NAMESPACES, List.of(), slices, pods, nodes, List.of()))
        .workloads().forEach(w -> localities.put(w.name(), w.workload().getLocality()));
    assertEquals(Map.of("p-1", "us-east-1/us-east-1a/rack-7", "p-2", "eu-1/eu-1b", "p-3", "cluster-a/z-slice",
        "p-4", "cluster-a"), localities);

    Map<String, String> configured = new TreeMap<>();
    ClusterSnapshot.build(new ClusterSnapshot.Settings("cluster-a", "", "eu-west-1"),
        new ClusterState(NAMESPACES, List.of(), slices, pods, nodes, List.of()))
        .workloads().forEach(w -> configured.put(w.name(), w.workload().getLocality()));
    assertEquals("us-east-1/us-east-1a/rack-7", configured.get("p-1"), "a node's label wins over the configuration");
    assertEquals("eu-west-1/z-slice", configured.get("p-3"));
  }

  @Test
  void aServiceWithoutSelectorGetsTheAddressesOfItsHandMadeSlices() {
    Service external = new ServiceBuilder().withNewMetadata().withName("db").withNamespace("demo").endMetadata()
        .withNewSpec().withClusterIP("10.96.0.20").addNewPort().withName("tcp").withPort(5432).endPort().endSpec()
        .build();
    EndpointSlice handMade = new EndpointSliceBuilder().withNewMetadata().withName("db-1").withNamespace("demo")
        .withLabels(Map.of(ClusterSnapshot.SERVICE_NAME_LABEL, "db")).endMetadata()
        .withAddressType("IPv4").addNewPort().withName("tcp").withPort(15432).endPort()
        .addNewEndpoint().withAddresses("192.0.2.1").withZone("z-1").endEndpoint()
        .addNewEndpoint().withAddresses("192.0.2.2").withNewConditions().withReady(false).endConditions().endEndpoint()
        .addNewEndpoint().withAddresses("192.0.2.3").withNodeName("labelled").withNewConditions().withReady(false)
        .withServing(true).withTerminating(true).endConditions().endEndpoint()
        .build();
    // A selector-based Service's slice: its pod-less endpoint is still nobody's workload.
    EndpointSlice other = new EndpointSliceBuilder(slice("p-1", "10.0.0.1", "")).editMetadata()
        .withLabels(Map.of(ClusterSnapshot.SERVICE_NAME_LABEL, "echo")).endMetadata()
        .addNewEndpoint().withAddresses("10.0.0.99").endEndpoint().build();
    List<Node> nodes = List.of(node("labelled", Map.of(Localities.REGION, "eu-1", Localities.ZONE, "eu-1a")));
    SourceSnapshot s = ClusterSnapshot.build(SETTINGS, new ClusterState(NAMESPACES, List.of(external),
        List.of(handMade, other), List.of(pod("p-1", null)), nodes, List.of()));

    assertTrue(s.configs().get(0).specJson().contains("\"selector\":{\"kubernetes.io/service-name\":\"db\"}"),
        s.configs().get(0).specJson());
    Map<String, Workload> byName = new TreeMap<>();
    s.workloads().forEach(w -> byName.put(w.name(), w.workload()));
    assertEquals(List.of("db~192.0.2.1", "db~192.0.2.2", "db~192.0.2.3", "p-1"), List.copyOf(byName.keySet()));
    Workload ready = byName.get("db~192.0.2.1");
    assertEquals(Map.of(ClusterSnapshot.SERVICE_NAME_LABEL, "db"), ready.getLabels());
    assertEquals(Map.of("tcp", 15432), ready.getPorts());
    assertEquals("cluster-a/z-1", ready.getLocality());
    assertEquals("net-a", ready.getNetwork());
    assertEquals(Health.HEALTHY, ready.getHealth());
    assertEquals(Health.UNHEALTHY, byName.get("db~192.0.2.2").getHealth());
    assertEquals(Health.UNHEALTHY, byName.get("db~192.0.2.3").getHealth(), "terminating, even if still serving");
    assertEquals("eu-1/eu-1a", byName.get("db~192.0.2.3").getLocality(), "the endpoint's node gives the locality");
  }

  @Test
  void aTerminatingPodEndpointIsUnhealthy() {
    EndpointSlice terminating = new EndpointSliceBuilder(slice("p-1", "10.0.0.1", "")).editFirstEndpoint()
        .withNewConditions().withServing(true).withTerminating(true).endConditions().endEndpoint().build();
    SourceSnapshot s = ClusterSnapshot.build(SETTINGS, ClusterState.core(NAMESPACES, List.of(), List.of(terminating),
        List.of(pod("p-1", null))));
    assertEquals(Health.UNHEALTHY, s.workloads().get(0).workload().getHealth());
  }

  @Test
  void anIstioKindTheAdapterRejectsIsARejectionNotACrash() {
    GenericKubernetesResource filter = istio("EnvoyFilter", "f", Map.of("configPatches", List.of()));
    GenericKubernetesResource vs = istio("VirtualService", "echo", Map.of("hosts", List.of("echo.demo.svc"),
        "http", List.of(Map.of("route", List.of(Map.of("destination", Map.of("host", "echo.demo.svc")))))));
    SourceSnapshot s = ClusterSnapshot.build(SETTINGS, new ClusterState(NAMESPACES, List.of(), List.of(), List.of(),
        List.of(), List.of(filter, vs)));
    assertEquals(List.of("echo"), s.configs().stream().map(SourceConfig::name).toList());
    assertEquals(List.of("EnvoyFilter"), s.rejections().stream().map(Rejection::kind).toList());
    assertTrue(s.rejections().get(0).reason().contains("unknown kind EnvoyFilter"), s.rejections().get(0).reason());
  }

  private static GenericKubernetesResource istio(String kind, String name, Map<String, Object> spec) {
    GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1")
        .withKind(kind).withNewMetadata().withName(name).withNamespace("demo").withResourceVersion("7")
        .withUid("u-" + name).withCreationTimestamp("2026-01-01T00:00:00Z")
        .withAnnotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", "{}")).endMetadata().build();
    r.setAdditionalProperty("spec", spec);
    r.setAdditionalProperty("status", Map.of("observedGeneration", 1));
    return r;
  }

  private static Node node(String name, Map<String, String> labels) {
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
  }

  private static Pod pod(String name, String node) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("demo").withLabels(Map.of("app", "echo"))
        .endMetadata().withNewSpec().withNodeName(node).endSpec().build();
  }

  private static EndpointSlice slice(String pod, String address, String zone) {
    return new EndpointSliceBuilder().withNewMetadata().withName("echo-" + pod).withNamespace("demo").endMetadata()
        .withAddressType("IPv4").addNewPort().withName("grpc").withPort(8080).endPort()
        .addNewEndpoint().withAddresses(address).withZone(zone.isEmpty() ? null : zone)
        .withNewTargetRef().withKind("Pod").withName(pod).withNamespace("demo").endTargetRef().endEndpoint().build();
  }
}
