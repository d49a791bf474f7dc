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

  @BeforeAll
  static void startStack() {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new ScriptedBackends();
    // grpc-java reads its bootstrap once per JVM; surefire runs this class in a JVM of its own.
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), "locality"));
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
  void distributeSplitsTrafficBetweenRegionsByTheConfiguredWeights() throws Exception {
    int east = backends.start("east", ScriptedBackends.Mode.HEALTHY);
    int west = backends.start("west", ScriptedBackends.Mode.HEALTHY);
    apply(service(east, west));
    channel = Grpc.newChannelBuilder("xds:///geo.demo.svc:8080", InsecureChannelCredentials.create()).build();
    Poll.until(CONVERGE, "both regions answer", () -> split(40).keySet().containsAll(java.util.List.of("east", "west")));
    Map<String, Integer> before = split(200);
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
    Poll.until(CONVERGE, "the split moves towards us-east", () -> split(100).getOrDefault("east", 0) >= 80);
    Map<String, Integer> after = split(CALLS);
    int eastShare = after.getOrDefault("east", 0);
    assertEquals(CALLS, eastShare + after.getOrDefault("west", 0), "every call answered: " + after);
    assertTrue(eastShare >= 850 && eastShare <= 950, "90 % ± 5 points to us-east over " + CALLS + ": " + after);
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
  private static Map<String, Integer> split(int n) {
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
