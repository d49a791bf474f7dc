package io.meshlog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Health;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The folder and VM registries against a real broker: each change lands in the log exactly once. */
class RegistriesKafkaTest {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Topics topics;
  static Ingest ingest;
  static volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock CLOCK = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };

  @BeforeAll
  static void start() throws Exception {
    topics = Topics.withPrefix("registries.");
    KAFKA.createTopics(topics.specs());
    Files.createDirectories(dir.resolve("mesh"));
    SourcesConfig sources = new SourcesConfig(List.of(),
        List.of(new SourcesConfig.Folder(dir.resolve("mesh").toString(), "gitops", "demo", "100ms")),
        new SourcesConfig.Vms("30s", "2m", "100ms"));
    ingest = Ingest.start(IngestConfig.local(KAFKA.bootstrapServers(), topics), sources, CLOCK);
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  @Test
  void folderAddEditBrokenAndDeleteAreEachOneEvent() throws Exception {
    Path file = dir.resolve("mesh/echo.yaml");
    Files.writeString(file, FolderYaml.SE);
    awaitValue(() -> configs("file").size(), 1);
    Files.writeString(file, FolderYaml.SE.replace("8080", "9090"));
    awaitValue(() -> configs("file").size(), 2);
    Files.writeString(file, FolderYaml.SE.replace("8080", "not-a-port"));
    awaitValue(() -> rejections().size(), 1);
    Files.writeString(file, FolderYaml.SE.replace("8080", "9090") + "\n# same objects, a comment\n");
    Files.delete(file);
    awaitValue(() -> configs("file").size(), 3);
    Thread.sleep(500); // several polls: nothing more may appear
    List<ConfigEvent> events = configs("file");
    assertEquals(List.of("UPSERT", "UPSERT", "DELETE"), events.stream().map(e -> e.getOperation().name()).toList());
    assertTrue(events.get(1).getSpec().contains("9090"));
    assertEquals("file:echo.yaml", events.get(0).getOrigin().getAppliedBy());
    assertEquals("gitops", events.get(0).getId().getCluster());
    assertEquals(1, rejections().size(), "a still-broken file is recorded once");
  }

  @Test
  void vmRegistrationHeartbeatExpiryAndReRegistration() throws Exception {
    String vm = "{\"name\":\"vm-1\",\"namespace\":\"demo\",\"address\":\"10.1.0.7\",\"labels\":{\"app\":\"db\"},"
        + "\"ports\":{\"tcp\":5432},\"locality\":\"us-east/zone-1\"}";
    assertEquals(200, post("/v1/vms/register", vm));
    assertEquals(1, workloads("vm").size(), "registered before the request returns");
    assertEquals(200, post("/v1/vms/heartbeat", "{\"namespace\":\"demo\",\"name\":\"vm-1\"}"));
    now = now.plusSeconds(31);
    awaitValue(() -> workloads("vm").size(), 2);
    assertEquals(Health.UNHEALTHY, workloads("vm").get(1).getWorkload().getHealth());
    assertEquals(200, post("/v1/vms/heartbeat", "{\"namespace\":\"demo\",\"name\":\"vm-1\"}"));
    assertEquals(Health.HEALTHY, workloads("vm").get(2).getWorkload().getHealth());
    now = now.plusSeconds(121);
    awaitValue(() -> workloads("vm").size(), 4);
    assertEquals("DELETE", workloads("vm").get(3).getOperation().name());
    assertEquals(404, post("/v1/vms/heartbeat", "{\"namespace\":\"demo\",\"name\":\"vm-1\"}"));
    assertEquals(200, post("/v1/vms/register", vm));
    assertEquals(5, workloads("vm").size());
    assertEquals(400, post("/v1/vms/register", "{\"name\":\"BAD NAME\",\"address\":\"\"}"));
    awaitValue(() -> (int) rejections().stream().filter(k -> k.startsWith("vm/")).count(), 1);
  }

  private static int post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url("127.0.0.1") + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  static <T> void awaitValue(Supplier<T> actual, T expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!expected.equals(actual.get()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(expected, actual.get());
  }

  static List<ConfigEvent> configs(String registry) {
    return read(topics.configEvents()).stream().map(r -> Serdes.CONFIG_EVENT.fromBytes(r.value()))
        .filter(e -> e.getId().getRegistry().equals(registry)).toList();
  }

  static List<WorkloadEvent> workloads(String registry) {
    return read(topics.workloadEvents()).stream().map(r -> Serdes.WORKLOAD_EVENT.fromBytes(r.value()))
        .filter(e -> e.getId().getRegistry().equals(registry)).toList();
  }

  static List<String> rejections() {
    return read(topics.rejections()).stream().map(ConsumerRecord::key).toList();
  }

  static List<ConsumerRecord<String, byte[]>> read(String topic) {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      while (c.position(tp) < end) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }

  /** The folder test's YAML. */
  static final class FolderYaml {
    static final String SE = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: echo}
        spec:
          hosts: [echo.demo.svc]
          resolution: STATIC
          ports: [{number: 8080, name: grpc, protocol: GRPC}]
          workloadSelector: {labels: {app: echo}}
        """;
  }
}
