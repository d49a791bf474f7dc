package io.meshlog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Operation;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingest's HTTP API on a real Kafka broker: what it publishes, and what it refuses to. */
class IngestApiTest {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static final String SERVICE = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: echo, namespace: demo}
      spec:
        hosts: [echo.demo.svc]
        resolution: STATIC
        ports: [{number: 8080, name: grpc, protocol: GRPC}]
        workloadSelector: {labels: {app: echo}}
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: echo-v1, namespace: demo}
      spec: {address: 10.0.0.1, ports: {grpc: 50051}, labels: {app: echo, version: v1}}
      """;

  static Topics topics;
  static Ingest ingest;

  @BeforeAll
  static void start() {
    topics = Topics.withPrefix("ingest.");
    KAFKA.createTopics(topics.specs());
    ingest = Ingest.start(IngestConfig.local(KAFKA.bootstrapServers(), topics));
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  @Test
  void publishesConfigAndWorkloadEventsOnceAndNothingForAnUnchangedReapply() throws Exception {
    String service = SERVICE.replace("namespace: demo", "namespace: once");
    JsonNode first = post("/v1/apply?appliedBy=alice", service, 200);
    assertEquals(List.of("CREATED", "CREATED"), results(first));

    List<ConfigEvent> configs = configEvents();
    ConfigEvent se = configs.get(configs.size() - 1);
    assertEquals("ServiceEntry", se.getId().getKind());
    assertEquals(Operation.UPSERT, se.getOperation());
    assertEquals("alice", se.getOrigin().getAppliedBy());
    assertTrue(se.getSpec().startsWith("{\"hosts\":[\"echo.demo.svc\"]"), se.getSpec());
    WorkloadEvent we = workloadEvents().get(workloadEvents().size() - 1);
    assertEquals("10.0.0.1", we.getWorkload().getAddress());
    assertEquals(Map.of("grpc", 50051), we.getWorkload().getPorts());

    long configsBefore = configEvents().size();
    long workloadsBefore = workloadEvents().size();
    assertEquals(List.of("UNCHANGED", "UNCHANGED"), results(post("/v1/apply", service, 200)));
    assertEquals(configsBefore, configEvents().size());
    assertEquals(workloadsBefore, workloadEvents().size());

    String moved = service.replace("10.0.0.1", "10.0.0.2");
    assertEquals(List.of("UNCHANGED", "CONFIGURED"), results(post("/v1/apply?dryRun=true", moved, 200)));
    assertEquals(workloadsBefore, workloadEvents().size(), "a dry run publishes nothing");
    assertEquals(List.of("UNCHANGED", "CONFIGURED"), results(post("/v1/apply", moved, 200)));
    assertEquals(workloadsBefore + 1, workloadEvents().size());
  }

  @Test
  void rejectsAnInvalidRequestWholeNamingObjectAndFieldAndPublishesNothing() throws Exception {
    String bad = SERVICE + """
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: broken, namespace: demo}
        spec:
          hosts: [echo.demo.svc]
          http:
          - route:
            - destination: {host: echo.demo.svc}
              wieght: 10
        """;
    long configsBefore = configEvents().size();
    JsonNode body = post("/v1/apply", bad, 400);
    JsonNode error = body.path("errors").get(0);
    assertEquals("VirtualService demo/broken", error.path("object").asText());
    assertEquals("spec.http[0].route[0].wieght", error.path("field").asText());
    assertEquals(configsBefore, configEvents().size(), "the valid documents of a rejected request are not published either");
  }

  @Test
  void deletePublishesADeleteOnceThenReportsNotFound() throws Exception {
    String vs = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: gone, namespace: demo}
        spec:
          hosts: [gone.demo.svc]
          http:
          - route:
            - destination: {host: gone.demo.svc}
        """;
    post("/v1/apply", vs, 200);
    assertEquals(List.of("DELETED"), results(post("/v1/delete?appliedBy=bob", vs, 200)));
    ConfigEvent last = configEvents().get(configEvents().size() - 1);
    assertEquals(Operation.DELETE, last.getOperation());
    assertEquals("gone", last.getId().getName());
    assertNull(last.getSpec());
    assertEquals("bob", last.getOrigin().getAppliedBy());
    assertEquals(List.of("NOT_FOUND"), results(post("/v1/delete", vs, 200)));
  }

  @Test
  void getListsCurrentObjectsAsIstioResources() throws Exception {
    post("/v1/apply", SERVICE, 200);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/objects?kind=ServiceEntry&namespace=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode item = JSON.readTree(r.body()).path("items").get(0);
    assertEquals("ServiceEntry", item.path("kind").asText());
    assertEquals("echo.demo.svc", item.path("spec").path("hosts").get(0).asText());
  }

  private static List<String> results(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.path("outcomes").forEach(o -> out.add(o.path("result").asText()));
    return out;
  }

  private static JsonNode post(String path, String yaml, int expectedStatus) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static URI uri(String path) {
    return URI.create(ingest.url("127.0.0.1") + path);
  }

  private static List<ConfigEvent> configEvents() {
    return readAll(topics.configEvents()).stream().map(Serdes.CONFIG_EVENT::fromBytes).toList();
  }

  private static List<WorkloadEvent> workloadEvents() {
    return readAll(topics.workloadEvents()).stream().map(Serdes.WORKLOAD_EVENT::fromBytes).toList();
  }

  private static List<byte[]> readAll(String topic) {
    try (var consumer = new KafkaConsumer<String, byte[]>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<byte[]> out = new ArrayList<>();
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
      return out;
    }
  }
}
