package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.meshlog.events.XdsResource;
import io.meshlog.ingest.SourcesConfig;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.XdsTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A stack started from a meshlog.yaml with one Kubernetes cluster (fabric8's mock server in CRUD mode, serving
 * Istio's CRDs and Nodes) and a folder, a real broker, and grpc-java's xDS client: Istio objects created in the
 * cluster's API (through fabric8's typed Istio client) steer real RPCs together with a DestinationRule from the
 * folder, a malformed one is only a rejection, WorkloadEntries become endpoints, and localities come from nodes.
 */
class ClusterIstioEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String HOST = "echo.demo.svc.cluster.local";
  private static final String NS = "demo";

  @TempDir static Path dir;
  static KubernetesMockServer server;
  static KubernetesClient cluster;
  static IstioClient istio;
  static Stack stack;
  static Backends backends;
  static ManagedChannel channel;
  static final Map<String, Integer> ports = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    backends = new Backends();
    for (String name : List.of("v1", "v2", "vm")) {
      ports.put(name, backends.start(name));
    }
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    cluster = server.createClient();
    istio = cluster.adapt(IstioClient.class);
    // As installing Istio does: the CRDs first, so ingest discovers them when it starts.
    for (String kind : List.of("VirtualService", "DestinationRule", "ServiceEntry", "WorkloadEntry")) {
      cluster.apiextensions().v1().customResourceDefinitions().resource(crd(kind)).create();
    }
    put(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build());
    Files.writeString(dir.resolve("cluster-a.kubeconfig"), kubeconfig(server.url("/").replaceAll("/$", "")));
    Files.createDirectories(dir.resolve("gitops"));
    Path config = dir.resolve("meshlog.yaml");
    Files.writeString(config, """
        clusters:
          - {id: cluster-a, kubeconfig: cluster-a.kubeconfig, context: cluster-a, network: net-a}
        folders:
          - {path: gitops, name: gitops, namespace: demo, pollInterval: 100ms}
        """);
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")).withSources(SourcesConfig.read(config)));
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), "istio-client"));
    channel = Grpc.newChannelBuilder("xds:///" + HOST + ":8080", InsecureChannelCredentials.create()).build();
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (stack != null) {
      stack.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (server != null) {
      server.destroy();
    }
    if (backends != null) {
      backends.close();
    }
  }

  @Test
  void istioObjectsInTheClusterRouteRealTrafficWithLocalitiesFromNodes() throws Exception {
    put(new NodeBuilder().withNewMetadata().withName("node-1").withLabels(Map.of(
        "topology.kubernetes.io/region", "us-east-1", "topology.kubernetes.io/zone", "us-east-1a")).endMetadata().build());
    put(new ServiceBuilder().withNewMetadata().withName("echo").withNamespace(NS).endMetadata()
        .withNewSpec().withClusterIP("10.96.0.10").withSelector(Map.of("app", "echo"))
        .addNewPort().withName("grpc").withPort(8080).withTargetPort(new IntOrString("grpc")).endPort()
        .endSpec().build());
    pod("v1", "node-1", "zone-from-slice");
    pod("v2", null, "zone-2");
    awaitBackends(Set.of("v1", "v2"));
    assertEquals(Map.of("us-east-1/us-east-1a", 1, "cluster-a/zone-2", 1), localities(),
        "the node's topology labels win; without a node, the cluster ID and the slice's zone");

    // A WorkloadEntry stored in the cluster is a workload like a pod: the Service selects it.
    istio.v1().workloadEntries().inNamespace(NS).resource(Serialization.unmarshal("""
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: vm-1, namespace: demo}
        spec: {address: 127.0.0.1, ports: {grpc: %d}, labels: {app: echo, version: vm}, locality: dc-1/rack-1}
        """.formatted(ports.get("vm")), WorkloadEntry.class)).createOr(NonDeletingOperation::update);
    awaitBackends(Set.of("v1", "v2", "vm"));
    assertEquals(Map.of("us-east-1/us-east-1a", 1, "cluster-a/zone-2", 1, "dc-1/rack-1", 1), localities());

    // The subsets come from a file in the folder of meshlog.yaml, the VirtualService from the cluster's API.
    Files.writeString(dir.resolve("gitops/echo-subsets.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo}
        spec:
          host: %s
          subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
        """.formatted(HOST));
    virtualService("v2");
    awaitBackends(Set.of("v2"));

    // A malformed VirtualService (the mock, unlike a real API server, checks no schema) is a rejection only.
    GenericKubernetesResource broken = Serialization.unmarshal("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: broken, namespace: demo}
        spec: {hosts: [%s], http: not-a-list}
        """.formatted(HOST), GenericKubernetesResource.class);
    cluster.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(NS).resource(broken).create();
    Poll.until(CONVERGE, "meshlog rejections lists the broken VirtualService",
        () -> rejections().contains("VirtualService demo/broken"));
    assertTrue(rejections().contains("kubernetes/cluster-a"), rejections());
    virtualService("v1");
    awaitBackends(Set.of("v1"));

    istio.v1().virtualServices().inNamespace(NS).withName("echo").delete();
    awaitBackends(Set.of("v1", "v2", "vm"));
  }

  private static void virtualService(String subset) {
    istio.v1().virtualServices().inNamespace(NS).resource(Serialization.unmarshal("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: demo}
        spec:
          hosts: [%1$s]
          http:
          - route: [{destination: {host: %1$s, subset: %2$s, port: {number: 8080}}}]
        """.formatted(HOST, subset), VirtualService.class)).createOr(NonDeletingOperation::update);
  }

  private static CustomResourceDefinition crd(String kind) {
    String plural = kind.toLowerCase() + "s";
    var spec = new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".networking.istio.io")
        .endMetadata().withNewSpec().withGroup("networking.istio.io").withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).withListKind(kind + "List")
        .endNames();
    for (String version : List.of("v1", "v1beta1", "v1alpha3")) {
      spec = spec.addNewVersion().withName(version).withServed(true).withStorage(version.equals("v1")).endVersion();
    }
    return spec.endSpec().build();
  }

  /** A pod (optionally on a node) and the slice that puts it behind the Service, on its backend's port. */
  private static void pod(String version, String node, String zone) {
    String name = "echo-" + version;
    put(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withLabels(Map.of("app", "echo", "version", version)).endMetadata()
        .withNewSpec().withNodeName(node).withServiceAccountName("echo").endSpec().build());
    put(new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withLabels(Map.of("kubernetes.io/service-name", "echo")).endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("grpc").withPort(ports.get(version)).withProtocol("TCP").endPort()
        .addNewEndpoint().withAddresses("127.0.0.1").withZone(zone)
        .withNewConditions().withReady(true).endConditions()
        .withNewTargetRef().withKind("Pod").withName(name).withNamespace(NS).endTargetRef()
        .endEndpoint().build());
  }

  private static void put(HasMetadata object) {
    cluster.resource(object).createOr(NonDeletingOperation::update);
  }

  private static String rejections() {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.execute("rejections", "--server", stack.endpoints().ingestUrl());
    return out.toString();
  }

  private static void awaitBackends(Set<String> expected) throws InterruptedException {
    Poll.until(CONVERGE, "RPCs reach exactly " + expected, () -> backendsReached(expected.size() * 30).equals(expected));
  }

  private static Set<String> backendsReached(int rpcs) {
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < rpcs; i++) {
      try {
        seen.add(Echo.who(channel));
      } catch (StatusRuntimeException e) {
        seen.add("error");
      }
    }
    return seen;
  }

  /** region/zone to endpoint count in the latest compiled EDS resource of the gRPC class. */
  private static Map<String, Integer> localities() throws Exception {
    String name = "outbound|8080||" + HOST;
    String topic = StackConfig.ephemeral(dir).topics().xdsResources();
    XdsResource latest = null;
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          XdsResource x = r.value() == null ? null : Serdes.XDS_RESOURCE.fromBytes(r.value());
          if (x != null && x.getName().equals(name) && x.getTypeUrl().equals(XdsTypes.ENDPOINT)
              && x.getProxyClass().equals("grpc")) {
            latest = x;
          }
        }
      }
    }
    Map<String, Integer> out = new TreeMap<>();
    for (var l : ClusterLoadAssignment.parseFrom(latest.getResource()).getEndpointsList()) {
      String zone = l.getLocality().getZone();
      out.put(l.getLocality().getRegion() + (zone.isEmpty() ? "" : "/" + zone), l.getLbEndpointsCount());
    }
    return out;
  }

  private static String kubeconfig(String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: cluster-a, cluster: {server: "%1$s"}}]
        users: [{name: cluster-a, user: {token: test}}]
        contexts: [{name: cluster-a, context: {cluster: cluster-a, user: cluster-a, namespace: default}}]
        current-context: cluster-a
        """.formatted(url);
  }
}
