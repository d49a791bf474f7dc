package io.meshlog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.RejectedChange;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.net.InetAddress;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Istio object held by several registries, on a real broker: two Kubernetes API servers (fabric8's mock
 * server in CRUD mode, read through kubeconfig files by one ingest instance) and a folder read by a second ingest
 * instance. Identical copies are one object, a delete in one registry falls back to another's copy, restarts of
 * either instance change nothing, and conflicting copies resolve by source order with the loser reported.
 */
class MergedRegistriesKafkaTest {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String NS = "demo";
  @TempDir static Path dir;
  static Topics topics;
  static final Map<String, KubernetesMockServer> servers = new TreeMap<>();
  static final Map<String, KubernetesClient> clusters = new TreeMap<>();
  static SourcesConfig clusterSources;
  static SourcesConfig folderSources;
  static Ingest clusterIngest;
  static Ingest folderIngest;

  @BeforeAll
  static void start() throws Exception {
    topics = Topics.withPrefix("merged.");
    KAFKA.createTopics(topics.specs());
    List<SourcesConfig.Cluster> configs = new java.util.ArrayList<>();
    for (String id : List.of("cluster-a", "cluster-b")) {
      KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
          new KubernetesCrudDispatcher(), false);
      server.init(InetAddress.getLoopbackAddress(), 0);
      servers.put(id, server);
      KubernetesClient client = server.createClient();
      clusters.put(id, client);
      client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
          .withNewMetadata().withName("virtualservices.networking.istio.io").endMetadata()
          .withNewSpec().withGroup("networking.istio.io").withScope("Namespaced")
          .withNewNames().withKind("VirtualService").withPlural("virtualservices").withSingular("virtualservice")
          .withListKind("VirtualServiceList").endNames()
          .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
          .endSpec().build()).create();
      client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
      Path kubeconfig = dir.resolve(id + ".kubeconfig");
      Files.writeString(kubeconfig, kubeconfig(id, server.url("/").replaceAll("/$", "")));
      configs.add(new SourcesConfig.Cluster(id, kubeconfig.toString(), id, "", ""));
    }
    Files.createDirectories(dir.resolve("gitops"));
    clusterSources = new SourcesConfig(configs, List.of(), null);
    folderSources = new SourcesConfig(List.of(),
        List.of(new SourcesConfig.Folder(dir.resolve("gitops").toString(), "gitops", NS, "100ms")), null);
    clusterIngest = start(clusterSources);
    folderIngest = start(folderSources);
  }

  @AfterAll
  static void stop() {
    if (clusterIngest != null) {
      clusterIngest.close();
    }
    if (folderIngest != null) {
      folderIngest.close();
    }
    clusters.values().forEach(KubernetesClient::close);
    servers.values().forEach(KubernetesMockServer::destroy);
  }

  private static Ingest start(SourcesConfig sources) {
    return Ingest.start(IngestConfig.local(KAFKA.bootstrapServers(), topics), sources);
  }

  @Test
  void identicalCopiesAreOneObjectThatStaysWhileAnyRegistryHoldsIt() throws Exception {
    String key = "VirtualService/demo/reviews";
    put("cluster-b", "reviews", "v1");
    awaitValue(() -> history(key), List.of("UPSERT kubernetes/cluster-b v1"));
    put("cluster-a", "reviews", "v1");
    // The same object from the first source by order: recorded once more, with its source, content unchanged.
    awaitValue(() -> history(key), List.of("UPSERT kubernetes/cluster-b v1", "UPSERT kubernetes/cluster-a v1"));

    delete("cluster-a", "reviews");
    awaitValue(() -> history(key), List.of("UPSERT kubernetes/cluster-b v1", "UPSERT kubernetes/cluster-a v1",
        "UPSERT kubernetes/cluster-b v1"));

    // Ingest down: cluster A gets it back, cluster B deletes it. The restart hands it over, never deleting it.
    clusterIngest.close();
    put("cluster-a", "reviews", "v1");
    delete("cluster-b", "reviews");
    clusterIngest = start(clusterSources);
    awaitValue(() -> history(key), List.of("UPSERT kubernetes/cluster-b v1", "UPSERT kubernetes/cluster-a v1",
        "UPSERT kubernetes/cluster-b v1", "UPSERT kubernetes/cluster-a v1"));

    // A restart with nothing changed publishes nothing; the last copy gone deletes the object.
    clusterIngest.close();
    clusterIngest = start(clusterSources);
    delete("cluster-a", "reviews");
    awaitValue(() -> history(key), List.of("UPSERT kubernetes/cluster-b v1", "UPSERT kubernetes/cluster-a v1",
        "UPSERT kubernetes/cluster-b v1", "UPSERT kubernetes/cluster-a v1", "DELETE kubernetes/cluster-a -"));
  }

  @Test
  void conflictingCopiesResolveBySourceOrderAndTheLoserIsReported() throws Exception {
    String key = "VirtualService/demo/ratings";
    Path file = dir.resolve("gitops/ratings.yaml");
    Files.writeString(file, """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings}
        spec:
          hosts: [ratings.demo.svc]
          http: [{route: [{destination: {host: ratings.demo.svc, subset: from-git}}]}]
        """);
    awaitValue(() -> history(key), List.of("UPSERT file/gitops from-git"));
    put("cluster-a", "ratings", "from-cluster");
    String rejection = "kubernetes/cluster-a/VirtualService/demo/ratings";
    awaitValue(() -> rejections().containsKey(rejection), true);
    String reason = rejections().get(rejection).getReason();
    assertTrue(reason.contains("file/gitops") && reason.contains("file:ratings.yaml"), reason);
    assertEquals("kubernetes/cluster-a", rejections().get(rejection).getSource());

    // Restarting either instance resyncs its own copy only: the folder's stays in force.
    clusterIngest.close();
    clusterIngest = start(clusterSources);
    folderIngest.close();
    folderIngest = start(folderSources);
    put("cluster-b", "unrelated", "v1"); // a later change that the restarted instance surely synced before
    awaitValue(() -> history("VirtualService/demo/unrelated").size(), 1);
    assertEquals(List.of("UPSERT file/gitops from-git"), history(key));

    // The winner goes: the cluster's copy, waiting on the source-configs topic, takes over without a gap.
    Files.delete(file);
    awaitValue(() -> history(key), List.of("UPSERT file/gitops from-git", "UPSERT kubernetes/cluster-a from-cluster"));
    delete("cluster-a", "ratings");
    awaitValue(() -> history(key), List.of("UPSERT file/gitops from-git", "UPSERT kubernetes/cluster-a from-cluster",
        "DELETE kubernetes/cluster-a -"));
  }

  /** A VirtualService routing to one subset, whose name tells the copies apart. */
  private static void put(String cluster, String name, String subset) {
    GenericKubernetesResource vs = Serialization.unmarshal("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %1$s, namespace: demo}
        spec:
          hosts: [%1$s.demo.svc]
          http: [{route: [{destination: {host: %1$s.demo.svc, subset: %2$s}}]}]
        """.formatted(name, subset), GenericKubernetesResource.class);
    clusters.get(cluster).genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(NS)
        .resource(vs).createOr(NonDeletingOperation::update);
  }

  private static void delete(String cluster, String name) {
    clusters.get(cluster).genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(NS)
        .withName(name).delete();
  }

  /** Every config event of one key: operation, source and the routed subset. */
  private static List<String> history(String key) {
    return read(topics.configEvents()).stream()
        .map(r -> Serdes.CONFIG_EVENT.fromBytes(r.value()))
        .filter(e -> Keys.config(e.getId()).equals(key))
        .map(e -> e.getOperation() + " " + e.getId().getRegistry() + "/" + e.getId().getCluster() + " "
            + subset(e))
        .toList();
  }

  private static String subset(ConfigEvent e) {
    if (e.getSpec() == null) {
      return "-";
    }
    int at = e.getSpec().indexOf("\"subset\":\"");
    return e.getSpec().substring(at + 10, e.getSpec().indexOf('"', at + 10));
  }

  private static Map<String, RejectedChange> rejections() {
    Map<String, RejectedChange> out = new TreeMap<>();
    read(topics.rejections())
        .forEach(r -> out.put(r.key(), Serdes.REJECTED_CHANGE.fromBytes(r.value())));
    return out;
  }

  private static List<ConsumerRecord<String, byte[]>> read(String topic) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      List<ConsumerRecord<String, byte[]>> out = new java.util.ArrayList<>();
      while (c.position(tp) < end) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }

  private static <T> void awaitValue(java.util.function.Supplier<T> actual, T expected) throws InterruptedException {
    RegistriesKafkaTest.awaitValue(actual, expected);
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
