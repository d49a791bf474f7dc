package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DestinationRule {@code localityLbSetting.distribute} as grpc-java's real xDS client experiences it: two backends
 * in two regions, round robin (about 50/50) without the rule, then a 90/10 split between the regions with it.
 */
class LocalityEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final int CALLS = 1_000;

  @TempDir static Path dir;
  static Stack stack;
  static ScriptedBackends backends;
  static ManagedChannel channel;
  static ManagedChannel failoverChannel;

  @BeforeAll
  static void startStack() {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new ScriptedBackends();
    // grpc-java reads its bootstrap once per JVM; surefire runs this class in a JVM of its own.
    // The client sits in us-east/zone1 (its bootstrap's node locality). meshlog compiles one snapshot for every
    // proxy of the class, so the failover order comes from the rule's `from`, not from the asking node.
    System.setProperty("io.grpc.xds.bootstrapConfig",
        Bootstraps.grpc(stack.endpoints().xdsAddress(), "locality", "us-east", "zone1"));
  }

  @AfterAll
  static void stop() {
    for (ManagedChannel ch : new ManagedChannel[] {channel, failoverChannel}) {
      if (ch != null) {
        ch.shutdownNow();
      }
    }
    if (backends != null) {
      backends.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void distributeSplitsTrafficBetweenRegionsByTheConfiguredWeights() throws Exception {
    int east = backends.start("east", ScriptedBackends.Mode.HEALTHY);
    int west = backends.start("west", ScriptedBackends.Mode.HEALTHY);
    apply(service(east, west));
    channel = Grpc.newChannelBuilder("xds:///geo.demo.svc:8080", InsecureChannelCredentials.create()).build();
    Poll.until(CONVERGE, "both regions answer", () -> split(channel, 40).keySet().containsAll(java.util.List.of("east", "west")));
    Map<String, Integer> before = split(channel, 200);
    assertTrue(before.getOrDefault("east", 0) < 140, "without the rule the regions share about evenly: " + before);

    apply("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: geo, namespace: demo}
        spec:
          host: geo.demo.svc
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                distribute:
                - from: "*"
                  to: {"us-east/*": 90, "eu-west/*": 10}
        """);
    Poll.until(CONVERGE, "the split moves towards us-east", () -> split(channel, 100).getOrDefault("east", 0) >= 80);
    Map<String, Integer> after = split(channel, CALLS);
    int eastShare = after.getOrDefault("east", 0);
    assertEquals(CALLS, eastShare + after.getOrDefault("west", 0), "every call answered: " + after);
    assertTrue(eastShare >= 850 && eastShare <= 950, "90 % ± 5 points to us-east over " + CALLS + ": " + after);
  }

  @Test
  void failoverMovesCallsToTheNextPriorityRegionAndBackWhenTheLocalBackendIsDown() throws Exception {
    int east = backends.start("fo-east", ScriptedBackends.Mode.HEALTHY);
    int west = backends.start("fo-west", ScriptedBackends.Mode.HEALTHY);
    int south = backends.start("fo-south", ScriptedBackends.Mode.HEALTHY);
    apply("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: fo, namespace: demo}
        spec:
          hosts: [fo.demo.svc]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 8080, name: grpc, protocol: GRPC}]
          endpoints:
          - {address: 127.0.0.1, ports: {grpc: %d}, locality: us-east/zone1}
          - {address: 127.0.0.1, ports: {grpc: %d}, locality: eu-west/zone1}
          - {address: 127.0.0.1, ports: {grpc: %d}, locality: ap-south/zone1}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: fo, namespace: demo}
        spec:
          host: fo.demo.svc
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                failover: [{from: us-east, to: eu-west}]
            outlierDetection: {consecutive5xxErrors: 5, interval: 1s, baseEjectionTime: 30s}
        """.formatted(east, west, south));
    failoverChannel = Grpc.newChannelBuilder("xds:///fo.demo.svc:8080", InsecureChannelCredentials.create()).build();
    ManagedChannel ch = failoverChannel;

    // Priority 0 (us-east) takes every call while it is up.
    Poll.until(CONVERGE, "us-east answers every call", () -> only(split(ch, 40), "fo-east"));
    Map<String, Integer> local = split(ch, 200);
    assertEquals(Map.of("fo-east", 200), local, "priority 0 only: " + local);

    // us-east down: priority 1 (eu-west, the rule's `to`), never priority 2 (ap-south).
    backends.stop("fo-east");
    Poll.until(CONVERGE, "calls fail over to eu-west", () -> only(split(ch, 20), "fo-west"));
    Map<String, Integer> failedOver = split(ch, 200);
    assertEquals(Map.of("fo-west", 200), failedOver, "priority 1 only, ap-south unused: " + failedOver);

    // eu-west down too: now the rest (ap-south).
    backends.stop("fo-west");
    Poll.until(CONVERGE, "calls fail over to ap-south", () -> only(split(ch, 20), "fo-south"));

    // Both back: calls return to priority 0.
    backends.restart("fo-west");
    backends.restart("fo-east");
    Poll.until(CONVERGE, "calls come back to us-east", () -> only(split(ch, 20), "fo-east"));
    Map<String, Integer> back = split(ch, 200);
    assertEquals(Map.of("fo-east", 200), back, "priority 0 again: " + back);
  }

  private static boolean only(Map<String, Integer> split, String backend) {
    return split.keySet().equals(java.util.Set.of(backend));
  }

  private static String service(int east, int west) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: geo, namespace: demo}
        spec:
          hosts: [geo.demo.svc]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 8080, name: grpc, protocol: GRPC}]
          workloadSelector: {labels: {app: geo}}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: geo-east, namespace: demo}
        spec: {address: 127.0.0.1, ports: {grpc: %d}, labels: {app: geo}, locality: us-east/zone1}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: geo-west, namespace: demo}
        spec: {address: 127.0.0.1, ports: {grpc: %d}, labels: {app: geo}, locality: eu-west/zone1}
        """.formatted(east, west);
  }

  /** Which backend answered each of n calls ("error" for failed calls). */
  private static Map<String, Integer> split(ManagedChannel channel, int n) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String who;
      try {
        who = ClientCalls.blockingUnaryCall(channel, Echo.WHO,
            CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "");
      } catch (StatusRuntimeException e) {
        who = "error";
      }
      out.merge(who, 1, Integer::sum);
    }
    return out;
  }

  private static void apply(String yaml) throws Exception {
    CliRun.apply(dir, stack.endpoints().ingestUrl(), yaml);
  }
}
