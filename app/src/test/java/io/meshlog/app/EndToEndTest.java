package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline, as a user runs it: `meshlog apply` of the example mesh → ingest → Kafka (a real KRaft
 * broker) → compiler (Kafka Streams) → xds-gateway → grpc-java's own xDS client routing real RPCs to two real
 * local gRPC servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String TARGET = "xds:///echo.demo.svc:8080";

  @TempDir static Path dir;
  static Stack stack;
  static Backends backends;
  static ManagedChannel channel;
  static String server;

  @BeforeAll
  static void startStack() throws Exception {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    server = stack.endpoints().ingestUrl();
    backends = new Backends();
    int v1 = backends.start("v1");
    int v2 = backends.start("v2");
    // The shipped example, with the backends' real ports.
    String demo = Files.readString(Path.of("../examples/demo-mesh.yaml"))
        .replace("grpc: 50051", "grpc: " + v1).replace("grpc: 50052", "grpc: " + v2);
    Files.writeString(dir.resolve("demo-mesh.yaml"), demo);
    // grpc-java reads its bootstrap once per JVM; this class runs in a JVM of its own (reuseForks=false).
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), "e2e-client"));
    channel = Grpc.newChannelBuilder(TARGET, InsecureChannelCredentials.create()).build();
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (backends != null) {
      backends.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void appliesTheDemoMeshAndTheClientSplitsTrafficEightyTwenty() throws Exception {
    CliRun apply = cli("apply", "-f", dir.resolve("demo-mesh.yaml").toString());
    assertEquals(0, apply.exit(), apply.err());
    assertTrue(apply.out().contains("virtualservice demo/echo created"), apply.out());
    assertTrue(apply.out().contains("workloadentry demo/echo-v2 created"), apply.out());

    Poll.until(CONVERGE, "the client reaches both versions", () -> split(100).keySet().containsAll(List.of("v1", "v2")));
    Map<String, Integer> split = split(2000);
    double v1Share = 100.0 * split.getOrDefault("v1", 0) / 2000;
    assertTrue(Math.abs(v1Share - 80) <= 5, "v1 got " + v1Share + "% of 2000 RPCs: " + split);
    assertEquals(2000, split.getOrDefault("v1", 0) + split.getOrDefault("v2", 0), "every RPC succeeded: " + split);
  }

  @Test
  @Order(2)
  void reapplyingAnUnchangedMeshPublishesNothing() throws Exception {
    Map<String, Long> before = eventEndOffsets();
    CliRun apply = cli("apply", "-f", dir.resolve("demo-mesh.yaml").toString());
    assertEquals(0, apply.exit(), apply.err());
    assertTrue(apply.out().contains("virtualservice demo/echo unchanged"), apply.out());
    assertEquals(before, eventEndOffsets());
  }

  @Test
  @Order(3)
  void invalidInputIsRejectedNamingObjectAndFieldAndPublishesNothing() throws Exception {
    Map<String, Long> before = eventEndOffsets();
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(Path.of("../examples/echo-all-v2.yaml")).replace("weight: 100", "weight: 90"));
    CliRun apply = cli("apply", "-f", bad.toString());
    assertEquals(1, apply.exit());
    assertTrue(apply.err().contains("VirtualService demo/echo"), apply.err());
    assertTrue(apply.err().contains("spec.http[0].route"), apply.err());
    assertEquals(before, eventEndOffsets());
  }

  @Test
  @Order(4)
  void shiftingAllTrafficToV2MovesEveryRpc() throws Exception {
    CliRun apply = cli("apply", "-f", "../examples/echo-all-v2.yaml");
    assertEquals(0, apply.exit(), apply.err());
    assertTrue(apply.out().contains("virtualservice demo/echo configured"), apply.out());
    Poll.until(CONVERGE, "all RPCs reach v2", () -> split(50).equals(Map.of("v2", 50)));
    assertEquals(Map.of("v2", 500), split(500));
  }

  @Test
  @Order(5)
  void getShowsTheAppliedObjectsWithTheirAuditTrail() {
    CliRun get = cli("get", "virtualservices", "-n", "demo", "-o", "yaml");
    assertEquals(0, get.exit(), get.err());
    assertTrue(get.out().contains("name: echo"), get.out());
    assertTrue(get.out().contains("weight: 100"), get.out());
    assertTrue(get.out().contains("meshlog.io/applied-by"), get.out());
    CliRun table = cli("get", "we", "-n", "demo");
    assertTrue(table.out().contains("echo-v1") && table.out().contains("echo-v2"), table.out());
  }

  @Test
  @Order(6)
  void aRestartedGatewayCatchesUpAndTheClientKeepsRouting() throws Exception {
    stack.restartGateway();
    Poll.until(CONVERGE, "the client routes through the restarted gateway", () -> split(20).equals(Map.of("v2", 20)));
    // A change after the restart reaches the client through the new gateway.
    CliRun apply = cli("apply", "-f", dir.resolve("demo-mesh.yaml").toString());
    assertEquals(0, apply.exit(), apply.err());
    Poll.until(CONVERGE, "the client reaches v1 again", () -> split(100).containsKey("v1"));
  }

  @Test
  @Order(7)
  void deletingTheVirtualServiceFallsBackToTheDefaultRoute() throws Exception {
    CliRun apply = cli("apply", "-f", "../examples/echo-all-v2.yaml");
    assertEquals(0, apply.exit(), apply.err());
    Poll.until(CONVERGE, "all RPCs reach v2", () -> split(50).equals(Map.of("v2", 50)));
    CliRun delete = cli("delete", "-f", "../examples/echo-virtualservice.yaml");
    assertEquals(0, delete.exit(), delete.err());
    assertTrue(delete.out().contains("virtualservice demo/echo deleted"), delete.out());
    // The default route spreads over every workload of the service, v1 included.
    Poll.until(CONVERGE, "v1 is reached again by the default route", () -> split(100).containsKey("v1"));
    Map<String, Integer> split = split(400);
    assertTrue(split.getOrDefault("v1", 0) > 100 && split.getOrDefault("v2", 0) > 100, "round robin over both: " + split);
  }

  private static Map<String, Integer> split(int rpcs) {
    Map<String, Integer> seen = new TreeMap<>();
    for (int i = 0; i < rpcs; i++) {
      try {
        seen.merge(Echo.who(channel), 1, Integer::sum);
      } catch (StatusRuntimeException e) {
        seen.merge("error", 1, Integer::sum);
      }
    }
    return seen;
  }

  private static Map<String, Long> eventEndOffsets() throws Exception {
    var topics = StackConfig.ephemeral(dir).topics();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> q = Map.of(
          new TopicPartition(topics.configEvents(), 0), OffsetSpec.latest(),
          new TopicPartition(topics.workloadEvents(), 0), OffsetSpec.latest());
      Map<String, Long> out = new TreeMap<>();
      admin.listOffsets(q).all().get().forEach((tp, info) -> out.put(tp.topic(), info.offset()));
      return out;
    }
  }

  private static CliRun cli(String... args) {
    String[] withServer = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--server", server))
        .toArray(String[]::new);
    return CliRun.of(withServer);
  }
}
