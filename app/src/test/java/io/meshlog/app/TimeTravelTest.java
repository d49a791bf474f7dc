package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.gateway.GatewayConfig;
import io.meshlog.gateway.XdsGateway;
import io.meshlog.history.ConfigDumps;
import io.meshlog.history.StateDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
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
 * Time travel against the real stack: a sequence of changes (weights, a subset, endpoints added and removed),
 * recording after each the log point and what the gateway actually sent an ADS client of class grpc; then
 * replay, diff and rollback are held to those recordings, and rollback to the routing of a real grpc client.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeTravelTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String TARGET = "xds:///echo.demo.svc:8080";
  private static final String PROBE = "tt-probe";

  @TempDir static Path dir;
  static Stack stack;
  static Backends backends;
  static ManagedChannel channel;
  static AdsProbe probe;
  static int v1;
  static int v2;
  static int v2b;

  /** One recorded point: the log point after a change, what the probe held there, the objects it changed. */
  record Recorded(String point, SortedMap<ResourceKey, CompiledResource> served, List<String> changedObjects) {}

  static final List<Recorded> recorded = new ArrayList<>();

  @BeforeAll
  static void startStack() throws Exception {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new Backends();
    v1 = backends.start("v1");
    v2 = backends.start("v2");
    v2b = backends.start("v2b");
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), "tt-client"));
    channel = Grpc.newChannelBuilder(TARGET, InsecureChannelCredentials.create()).build();
    probe = new AdsProbe(stack.endpoints().xdsAddress(), PROBE);
  }

  @AfterAll
  static void stop() {
    if (probe != null) {
      probe.close();
    }
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
  void recordsWhatWasServedAfterEachChange() throws Exception {
    String demo = Files.readString(Path.of("../examples/demo-mesh.yaml"))
        .replace("grpc: 50051", "grpc: " + v1).replace("grpc: 50052", "grpc: " + v2);
    change("demo.yaml", demo, List.of("ServiceEntry demo/echo", "WorkloadEntry demo/echo-v1",
        "WorkloadEntry demo/echo-v2", "DestinationRule demo/echo", "VirtualService demo/echo"));
    Poll.until(CONVERGE, "the client reaches v1 and v2", () -> split(100).keySet().containsAll(List.of("v1", "v2")));

    change("weights.yaml", vs(50, 50), List.of("VirtualService demo/echo"));
    change("endpoint-added.yaml", workload("echo-v2b", v2b, "v2"), List.of("WorkloadEntry demo/echo-v2b"));
    change("subset.yaml", destinationRule(true), List.of("DestinationRule demo/echo"));
    Path gone = write("endpoint-removed.yaml", workload("echo-v2b", v2b, "v2"));
    assertEquals(0, cli("delete", "-f", gone.toString()).exit());
    record(List.of("WorkloadEntry demo/echo-v2b"));
    change("all-v2.yaml", vs(0, 100), List.of("VirtualService demo/echo"));
    Poll.until(CONVERGE, "all RPCs reach v2", () -> split(50).equals(Map.of("v2", 50)));

    for (int i = 1; i < recorded.size(); i++) {
      assertNotEquals(recorded.get(i - 1).served(), recorded.get(i).served(), "change " + i + " changed what was served");
    }
  }

  @Test
  @Order(2)
  void replayOfEachPointEqualsWhatTheProxyWasSent() {
    for (Recorded r : recorded) {
      CliRun replay = cli("replay", "--at", r.point(), "--proxy", PROBE);
      assertEquals(0, replay.exit(), replay.err());
      assertEquals(ConfigDumps.json(r.served().values()), replay.out(), "replay at " + r.point());
      assertTrue(!replay.err().contains("warning"), replay.err());
    }
    CliRun objects = cli("replay", "--at", recorded.get(1).point());
    assertEquals(0, objects.exit(), objects.err());
    assertTrue(objects.out().contains("weight: 50"), objects.out());
    assertTrue(!objects.out().contains("echo-v2b"), objects.out());
  }

  @Test
  @Order(3)
  void diffBetweenConsecutivePointsNamesExactlyTheChangedObjectsAndResources() {
    for (int i = 1; i < recorded.size(); i++) {
      Recorded a = recorded.get(i - 1);
      Recorded b = recorded.get(i);
      CliRun diff = cli("diff", "--from", a.point(), "--to", b.point(), "--proxy", PROBE);
      assertEquals(0, diff.exit(), diff.err());
      String objects = diff.out().substring(diff.out().indexOf("objects:"), diff.out().indexOf("resources:"));
      List<String> named = objects.lines().filter(l -> l.startsWith("  ") && !l.startsWith("      "))
          .map(l -> l.trim().substring(l.trim().indexOf(' ') + 1)).sorted().toList();
      assertEquals(b.changedObjects().stream().sorted().toList(), named, diff.out());
      String expected = StateDiff.resources(a.served(), b.served()).stream().map(c -> "  " + c + "\n")
          .reduce("resources:\n", String::concat);
      assertEquals(expected, diff.out().substring(diff.out().indexOf("resources:")), diff.out());
    }
    CliRun weights = cli("diff", "--from", recorded.get(0).point(), "--to", recorded.get(1).point());
    assertTrue(weights.out().contains("spec.http[0].route[0].weight: 80 → 50"), weights.out());
  }

  @Test
  @Order(4)
  void aGatewayStartedAtAPointServesWhatWasServedThen() throws Exception {
    Recorded early = recorded.get(1);
    GatewayConfig config = GatewayConfig.builder(stack.bootstrapServers()).gatewayId("frozen")
        .staticResources(FrozenMesh.at(stack.bootstrapServers(), StackConfig.ephemeral(dir).topics(), early.point(),
            Instant.now()))
        .build();
    try (XdsGateway frozen = XdsGateway.start(config); AdsProbe p = new AdsProbe(frozen.xdsAddress(), "frozen-probe")) {
      Poll.until(CONVERGE, "the frozen gateway serves the early mesh", () -> p.held().equals(early.served()));
    }
  }

  @Test
  @Order(5)
  void rollbackRestoresEarlyRoutingAndShowsInHistory() throws Exception {
    Recorded first = recorded.get(0);
    CliRun dry = cli("rollback", "--to", first.point(), "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("revert VirtualService demo/echo"), dry.out());
    assertTrue(dry.out().contains("revert DestinationRule demo/echo"), dry.out());
    assertTrue(!dry.out().contains("WorkloadEntry"), "workloads are left alone: " + dry.out());

    CliRun rollback = cli("rollback", "--to", first.point());
    assertEquals(0, rollback.exit(), rollback.err());
    assertTrue(rollback.out().contains("2 compensating event(s) published"), rollback.out());
    Poll.until(CONVERGE, "the probe holds the first point's resources", () -> probe.held().equals(first.served()));
    Poll.until(CONVERGE, "the client reaches v1 again", () -> split(100).containsKey("v1"));
    Map<String, Integer> split = split(2000);
    double v1Share = 100.0 * split.getOrDefault("v1", 0) / 2000;
    assertTrue(Math.abs(v1Share - 80) <= 5, "80/20 again after rollback: " + split);

    CliRun history = cli("history", "--kind", "VirtualService");
    assertEquals(0, history.exit(), history.err());
    String last = history.out().lines().filter(l -> l.startsWith("@")).reduce((x, y) -> y).orElseThrow();
    assertTrue(last.contains("UPDATE") && last.contains("(meshlog rollback --to " + first.point() + ")"), history.out());
    assertTrue(history.out().contains("spec.http[0].route[1].weight: 100 → 20"), history.out());
  }

  @Test
  @Order(7)
  void progressFlagShowsEventsPerSecondOnStderr() {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    CliRun history;
    try {
      history = cli("history", "--progress");
    } finally {
      System.setErr(original);
    }
    assertEquals(0, history.exit(), history.err());
    String bar = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(bar.contains("reading log") && bar.contains("events") && bar.contains("ev/s"), bar);
  }

  @Test
  @Order(6)
  void badInputIsAClearErrorWithANonZeroExit() {
    assertError(cli("replay", "--at", "2001-01-01T00:00:00Z"), "before the first event");
    assertError(cli("replay", "--at", "2999-01-01T00:00:00Z"), "in the future");
    assertError(cli("replay", "--at", "yesterday-ish"), "cannot parse time");
    assertError(cli("replay", "--at", "now", "--proxy", "no-such-node"), "unknown proxy \"no-such-node\"");
    assertError(cli("diff", "--from", "offset:999,0"), "past the end of the log");
    assertError(cli("history", "-o", "xml"), "--output must be table or json");
  }

  private static void assertError(CliRun c, String message) {
    assertEquals(1, c.exit(), c.out() + c.err());
    assertTrue(c.err().startsWith("error: ") && c.err().contains(message), c.err());
  }

  private static void change(String file, String yaml, List<String> changed) throws Exception {
    CliRun apply = cli("apply", "-f", write(file, yaml).toString());
    assertEquals(0, apply.exit(), apply.err());
    record(changed);
  }

  /** The log point now, and what the probe holds once the gateway has served everything up to it. */
  private static void record(List<String> changed) throws Exception {
    String point = point();
    String expected = cli("replay", "--at", point, "--proxy", PROBE).out();
    Poll.until(CONVERGE, "the probe holds what was compiled for " + point,
        () -> ConfigDumps.json(probe.held().values()).equals(expected));
    recorded.add(new Recorded(point, probe.held(), changed));
  }

  private static Path write(String file, String yaml) throws Exception {
    Path p = dir.resolve(file);
    Files.writeString(p, yaml);
    return p;
  }

  private static String vs(int w1, int w2) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: demo}
        spec:
          hosts: [echo.demo.svc]
          http:
          - route:
            - destination: {host: echo.demo.svc, subset: v1, port: {number: 8080}}
              weight: %d
            - destination: {host: echo.demo.svc, subset: v2, port: {number: 8080}}
              weight: %d
        """.formatted(w1, w2);
  }

  private static String workload(String name, int port, String version) {
    return """
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: %s, namespace: demo}
        spec:
          address: 127.0.0.1
          ports: {grpc: %d}
          labels: {app: echo, version: %s}
        """.formatted(name, port, version);
  }

  private static String destinationRule(boolean withV3) {
    return """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo, namespace: demo}
        spec:
          host: echo.demo.svc
          trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
          subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
        """ + (withV3 ? "      - {name: v3, labels: {version: v3}}\n".substring(4) : "");
  }

  private static String point() throws Exception {
    var topics = StackConfig.ephemeral(dir).topics();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      TopicPartition c = new TopicPartition(topics.configEvents(), 0);
      TopicPartition w = new TopicPartition(topics.workloadEvents(), 0);
      var ends = admin.listOffsets(Map.of(c, OffsetSpec.latest(), w, OffsetSpec.latest())).all().get();
      return "offset:" + ends.get(c).offset() + "," + ends.get(w).offset();
    }
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

  private static CliRun cli(String... args) {
    String[] withKafka = Stream.concat(Arrays.stream(args), needsServer(args)
        ? Stream.of("--server", stack.endpoints().ingestUrl())
        : Stream.of("--bootstrap-servers", stack.bootstrapServers())).toArray(String[]::new);
    return CliRun.of(withKafka);
  }

  private static boolean needsServer(String[] args) {
    return args[0].equals("apply") || args[0].equals("delete");
  }
}
