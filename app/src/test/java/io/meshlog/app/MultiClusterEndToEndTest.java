package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.events.XdsResource;
import io.meshlog.ingest.Ingest;
import io.meshlog.ingest.IngestConfig;
import io.meshlog.ingest.SourcesConfig;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
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
 * One service spread over two Kubernetes clusters (two real HTTP servers speaking the Kubernetes API, fabric8's
 * mock server in CRUD mode, read by ingest through kubeconfig files), a real broker, the compiler, a gateway,
 * and grpc-java's xDS client routing RPCs to real local gRPC servers standing in for the pods. Scales, deletes
 * and restarts ingest mid-change, and checks where RPCs go, the compiled localities, and that the log holds
 * each change exactly once.
 */
class MultiClusterEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String HOST = "echo.demo.svc.cluster.local";
  private static final String NS = "demo";

  @TempDir static Path dir;
  static Stack stack;
  static Backends backends;
  static ManagedChannel channel;
  static final Map<String, KubernetesMockServer> servers = new TreeMap<>();
  static final Map<String, KubernetesClient> clusters = new TreeMap<>();
  static final Map<String, Integer> ports = new HashMap<>();
  static SourcesConfig sources;
  static Ingest registries;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new Backends();
    for (String pod : List.of("a-1", "a-2", "a-3", "b-1")) {
      ports.put(pod, backends.start(pod));
    }
    List<SourcesConfig.Cluster> configs = new ArrayList<>();
    for (String id : List.of("cluster-a", "cluster-b")) {
      KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
          new KubernetesCrudDispatcher(), false);
      server.init(InetAddress.getLoopbackAddress(), 0);
      servers.put(id, server);
      clusters.put(id, server.createClient());
      Path kubeconfig = dir.resolve(id + ".kubeconfig");
      Files.writeString(kubeconfig, kubeconfig(id, server.url("/").replaceAll("/$", "")));
      configs.add(new SourcesConfig.Cluster(id, kubeconfig.toString(), id, "net-" + id, ""));
      put(id, new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build());
    }
    sources = new SourcesConfig(configs, List.of(), null);
    registries = startRegistries();
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), "mc-client"));
    channel = Grpc.newChannelBuilder("xds:///" + HOST + ":8080", InsecureChannelCredentials.create()).build();
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (registries != null) {
      registries.close();
    }
    clusters.values().forEach(KubernetesClient::close);
    servers.values().forEach(KubernetesMockServer::destroy);
    if (backends != null) {
      backends.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void oneServiceOverTwoClustersConvergesThroughScalingDeletionAndRestart() throws Exception {
    service("cluster-a");
    service("cluster-b");
    pod("cluster-a", "a-1", "zone-1", true);
    pod("cluster-b", "b-1", "zone-2", true);
    awaitBackends(Set.of("a-1", "b-1"));
    assertEquals(Map.of("cluster-a/zone-1", 1, "cluster-b/zone-2", 1), localities(),
        "cluster and zone reach EDS as region and zone");

    pod("cluster-a", "a-2", "zone-1", true);
    pod("cluster-a", "a-3", "zone-1", true);
    awaitBackends(Set.of("a-1", "a-2", "a-3", "b-1"));
    assertEquals(Map.of("cluster-a/zone-1", 3, "cluster-b/zone-2", 1), localities());

    // The Service goes from cluster B (and with it, as the endpoint-slice controller would, its slice).
    delete("cluster-b", new ServiceBuilder().withNewMetadata().withName("echo").withNamespace(NS).endMetadata().build());
    delete("cluster-b", slice("b-1", "zone-2", true));
    awaitBackends(Set.of("a-1", "a-2", "a-3"));

    // Ingest is down while both clusters change: a pod goes, one turns unready, B gets its Service back.
    registries.close();
    delete("cluster-a", slice("a-3", "zone-1", true));
    delete("cluster-a", new PodBuilder().withNewMetadata().withName("a-3").withNamespace(NS).endMetadata().build());
    pod("cluster-a", "a-2", "zone-1", false);
    service("cluster-b");
    pod("cluster-b", "b-1", "zone-2", true);
    registries = startRegistries();
    awaitBackends(Set.of("a-1", "b-1"));
    assertEquals(Map.of("cluster-a/zone-1", 1, "cluster-b/zone-2", 1), localities());

    // A malformed Service is recorded as a rejection, visible with the CLI, and blocks nothing else.
    put("cluster-a", new ServiceBuilder().withNewMetadata().withName("broken").withNamespace(NS).endMetadata()
        .withNewSpec().addNewPort().withName("grpc").withPort(70000).endPort().endSpec().build());
    Poll.until(CONVERGE, "meshlog rejections lists the broken Service", () -> rejections().contains("Service demo/broken"));
    String listed = rejections();
    assertTrue(listed.contains("kubernetes/cluster-a") && listed.contains("spec.ports[0].port"), listed);
    assertEquals(Set.of("a-1", "b-1"), backendsReached(60));

    // Exactly once: every change is in the log once, and nothing else is.
    Map<String, List<String>> workloads = new TreeMap<>();
    for (WorkloadEvent e : read(topics().workloadEvents(), Serdes.WORKLOAD_EVENT::fromBytes)) {
      workloads.computeIfAbsent(Keys.workload(e.getId()), k -> new ArrayList<>()).add(
          e.getOperation() + (e.getWorkload() == null ? "" : " " + e.getWorkload().getHealth()));
    }
    assertEquals(Map.of(
        "kubernetes/cluster-a/demo/a-1", List.of("UPSERT HEALTHY"),
        "kubernetes/cluster-a/demo/a-2", List.of("UPSERT HEALTHY", "UPSERT UNHEALTHY"),
        "kubernetes/cluster-a/demo/a-3", List.of("UPSERT HEALTHY", "DELETE"),
        "kubernetes/cluster-b/demo/b-1", List.of("UPSERT HEALTHY", "DELETE", "UPSERT HEALTHY")), workloads);
    Map<String, List<String>> configs = new TreeMap<>();
    for (ConfigEvent e : read(topics().configEvents(), Serdes.CONFIG_EVENT::fromBytes)) {
      configs.computeIfAbsent(Keys.config(e.getId()), k -> new ArrayList<>()).add(e.getOperation().name());
    }
    assertEquals(Map.of(
        "Service/cluster-a/demo/echo", List.of("UPSERT"),
        "Service/cluster-b/demo/echo", List.of("UPSERT", "DELETE", "UPSERT")), configs);
  }

  private static String rejections() {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.execute("rejections", "--server", stack.endpoints().ingestUrl());
    return out.toString();
  }

  private static Ingest startRegistries() {
    return Ingest.start(new IngestConfig(stack.bootstrapServers(), topics(), "127.0.0.1", 0, "api", ""), sources);
  }

  private static Topics topics() {
    return StackConfig.ephemeral(dir).topics();
  }

  private static void service(String cluster) {
    put(cluster, new ServiceBuilder().withNewMetadata().withName("echo").withNamespace(NS).endMetadata()
        .withNewSpec().withClusterIP("10.96.0.10").withSelector(Map.of("app", "echo"))
        .addNewPort().withName("grpc").withPort(8080).withTargetPort(new IntOrString("grpc")).endPort()
        .endSpec().build());
  }

  /** A pod and the slice that puts it behind the service: each pod listens on its own port of 127.0.0.1. */
  private static void pod(String cluster, String name, String zone, boolean ready) {
    put(cluster, new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withLabels(Map.of("app", "echo")).endMetadata()
        .withNewSpec().withServiceAccountName("echo").endSpec().build());
    put(cluster, slice(name, zone, ready));
  }

  private static HasMetadata slice(String pod, String zone, boolean ready) {
    return new EndpointSliceBuilder().withNewMetadata().withName("echo-" + pod).withNamespace(NS)
        .withLabels(Map.of("kubernetes.io/service-name", "echo")).endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("grpc").withPort(ports.get(pod)).withProtocol("TCP").endPort()
        .addNewEndpoint().withAddresses("127.0.0.1").withZone(zone)
        .withNewConditions().withReady(ready).endConditions()
        .withNewTargetRef().withKind("Pod").withName(pod).withNamespace(NS).endTargetRef()
        .endEndpoint().build();
  }

  private static void put(String cluster, HasMetadata object) {
    clusters.get(cluster).resource(object).createOr(NonDeletingOperation::update);
  }

  private static void delete(String cluster, HasMetadata object) {
    clusters.get(cluster).resource(object).delete();
  }

  /** Waits until RPCs reach exactly these backends, all of them and no other. */
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
    XdsResource latest = null;
    for (XdsResource r : read(topics().xdsResources(), Serdes.XDS_RESOURCE::fromBytes)) {
      if (r.getName().equals(name) && r.getTypeUrl().equals(XdsTypes.ENDPOINT) && r.getProxyClass().equals("grpc")) {
        latest = r;
      }
    }
    Map<String, Integer> out = new TreeMap<>();
    for (var l : ClusterLoadAssignment.parseFrom(latest.getResource()).getEndpointsList()) {
      out.put(l.getLocality().getRegion() + "/" + l.getLocality().getZone(), l.getLbEndpointsCount());
    }
    return out;
  }

  private static <T> List<T> read(String topic, java.util.function.Function<byte[], T> decode) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      List<T> out = new ArrayList<>();
      while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            out.add(decode.apply(r.value()));
          }
        }
      }
      return out;
    }
  }

  private static String kubeconfig(String context, String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: %1$s, cluster: {server: "%2$s"}}]
        users: [{name: %1$s, user: {token: test}}]
        contexts: [{name: %1$s, context: {cluster: %1$s, user: %1$s, namespace: default}}]
        current-context: %1$s
        """.formatted(context, url);
  }
}
