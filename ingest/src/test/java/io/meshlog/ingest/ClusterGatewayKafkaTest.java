package io.meshlog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.meshlog.events.ConfigEvent;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Gateway stored in a Kubernetes cluster (fabric8's mock API server in CRUD mode, with Istio's Gateway CRD
 * installed) is read by ingest and published as a config event, and its deletion as a DELETE: the cluster path
 * for the Gateway kind, which {@code IstioKindsTest} only shows is discovered.
 */
class ClusterGatewayKafkaTest {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String NS = "istio-system";
  private static final String KEY = "Gateway/istio-system/edge";

  @TempDir Path dir;

  @Test
  void aGatewayInTheClusterIsPublishedAsAConfigEvent() throws Exception {
    Topics topics = Topics.withPrefix("cluster-gw.");
    KAFKA.createTopics(topics.specs());
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = server.createClient()) {
      client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
          .withNewMetadata().withName("gateways.networking.istio.io").endMetadata()
          .withNewSpec().withGroup("networking.istio.io").withScope("Namespaced")
          .withNewNames().withKind("Gateway").withPlural("gateways").withSingular("gateway")
          .withListKind("GatewayList").endNames()
          .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
          .endSpec().build()).create();
      client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
      Path kubeconfig = dir.resolve("a.kubeconfig");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: a, cluster: {server: "%1$s"}}]
          users: [{name: a, user: {token: test}}]
          contexts: [{name: a, context: {cluster: a, user: a, namespace: default}}]
          current-context: a
          """.formatted(server.url("/").replaceAll("/$", "")));
      SourcesConfig sources = new SourcesConfig(
          List.of(new SourcesConfig.Cluster("cluster-a", kubeconfig.toString(), "cluster-a", "", "")), List.of(), null);
      try (Ingest ingest = Ingest.start(IngestConfig.local(KAFKA.bootstrapServers(), topics), sources)) {
        GenericKubernetesResource gw = Serialization.unmarshal("""
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: istio-system}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 443, name: tls, protocol: TLS}
                hosts: ["*.example.com"]
                tls: {mode: PASSTHROUGH}
            """, GenericKubernetesResource.class);
        client.genericKubernetesResources("networking.istio.io/v1", "Gateway").inNamespace(NS).resource(gw).create();
        RegistriesKafkaTest.awaitValue(() -> operations(topics), List.of("UPSERT kubernetes/cluster-a"));
        ConfigEvent e = events(topics).get(0);
        assertEquals("Gateway", e.getId().getKind());
        assertTrue(e.getSpec().contains("\"selector\":{\"istio\":\"ingressgateway\"}")
            && e.getSpec().contains("PASSTHROUGH"), e.getSpec());

        client.genericKubernetesResources("networking.istio.io/v1", "Gateway").inNamespace(NS).withName("edge").delete();
        RegistriesKafkaTest.awaitValue(() -> operations(topics),
            List.of("UPSERT kubernetes/cluster-a", "DELETE kubernetes/cluster-a"));
      }
    } finally {
      server.destroy();
    }
  }

  private static List<String> operations(Topics topics) {
    return events(topics).stream()
        .map(e -> e.getOperation() + " " + e.getId().getRegistry() + "/" + e.getId().getCluster()).toList();
  }

  /** The config events of the Gateway, in log order. */
  private static List<ConfigEvent> events(Topics topics) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topics.configEvents(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      List<ConfigEvent> out = new ArrayList<>();
      while (c.position(tp) < end) {
        c.poll(Duration.ofMillis(200)).forEach(r -> {
          ConfigEvent e = Serdes.CONFIG_EVENT.fromBytes(r.value());
          if (Keys.config(e.getId()).equals(KEY)) {
            out.add(e);
          }
        });
      }
      return out;
    }
  }
}
