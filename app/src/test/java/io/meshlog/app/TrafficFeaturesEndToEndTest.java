package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Istio traffic features as grpc-java's real xDS client experiences them: `meshlog apply` → ingest → Kafka →
 * compiler → gateway → the client's routing to real local gRPC servers. Every test first shows the behaviour
 * without the feature, then applies it and polls until the client behaves differently: a feature compiled
 * wrong (or ignored by gRPC) times out. Each test uses its own service, so they do not interfere.
 */
class TrafficFeaturesEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final Metadata.Key<String> USER = Metadata.Key.of("x-user", Metadata.ASCII_STRING_MARSHALLER);

  @RegisterExtension static final GrpcMeshStack MESH = new GrpcMeshStack("traffic");


  @Test
  void routeTimeoutEndsSlowCallsWithDeadlineExceeded() throws Exception {
    Channel ch = serve("slow", MESH.backends().start("slow", ScriptedBackends.Mode.HEALTHY));
    assertEquals("slow", call(ch, "sleep:1500", 10_000), "without a timeout a slow call completes");
    apply(MeshYaml.virtualService("slow", "timeout: 300ms"));
    Poll.until(CONVERGE, "the route timeout cuts a 1.5 s call",
        () -> code(() -> call(ch, "sleep:1500", 10_000)) == Status.Code.DEADLINE_EXCEEDED);
    assertEquals("slow", call(ch, "", 10_000), "fast calls still complete under the timeout");
  }

  @Test
  void retriesOnUnavailableHideABackendThatFailsEveryFirstAttempt() throws Exception {
    Channel ch = serve("flaky", MESH.backends().start("flaky", ScriptedBackends.Mode.FAIL_ODD_CALLS));
    assertTrue(errors(ch, 20) >= 9, "without retries every other call fails");
    apply(MeshYaml.virtualService("flaky", "retries: {attempts: 2, retryOn: unavailable}"));
    Poll.until(CONVERGE, "20 calls in a row succeed", () -> errors(ch, 20) == 0);
    assertEquals(0, errors(ch, 200), "retries keep every call succeeding");
  }

  @Test
  void faultAbortFailsTheConfiguredShareWithTheConfiguredStatus() throws Exception {
    Channel ch = serve("abort", MESH.backends().start("abort", ScriptedBackends.Mode.HEALTHY));
    apply(MeshYaml.virtualService("abort",
        "fault: {abort: {grpcStatus: RESOURCE_EXHAUSTED, percentage: {value: 50}}}"));
    Poll.until(CONVERGE, "aborts appear",
        () -> code(() -> call(ch, "", 5_000)) == Status.Code.RESOURCE_EXHAUSTED);
    Map<Status.Code, Integer> outcomes = outcomes(ch, 600);
    int aborted = outcomes.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, 0);
    assertEquals(600, aborted + outcomes.getOrDefault(Status.Code.OK, 0), "only OK or the abort status: " + outcomes);
    assertTrue(aborted > 600 * 0.40 && aborted < 600 * 0.60, "about half aborted: " + outcomes);
  }

  @Test
  void faultDelayMakesCallsMissTheirDeadline() throws Exception {
    Channel ch = serve("delay", MESH.backends().start("delay", ScriptedBackends.Mode.HEALTHY));
    assertEquals("delay", call(ch, "", 1_000), "without the fault a call meets a 1 s deadline");
    apply(MeshYaml.virtualService("delay", "fault: {delay: {fixedDelay: 5s, percentage: {value: 100}}}"));
    Poll.until(CONVERGE, "every call is delayed past its deadline",
        () -> code(() -> call(ch, "", 1_000)) == Status.Code.DEADLINE_EXCEEDED);
    assertEquals(Map.of(Status.Code.DEADLINE_EXCEEDED, 5), outcomes(ch, 5, 500));
  }

  @Test
  void ringHashSendsEveryCallOfAUserToTheSameBackend() throws Exception {
    Channel ch = serve("sticky", MESH.backends().start("sticky-a", ScriptedBackends.Mode.HEALTHY),
        MESH.backends().start("sticky-b", ScriptedBackends.Mode.HEALTHY));
    Channel alice = user(ch, "alice");
    Poll.until(CONVERGE, "round robin spreads one user's calls", () -> answers(alice, 10).size() == 2);
    apply(MeshYaml.destinationRule("sticky",
        "loadBalancer: {consistentHash: {httpHeaderName: x-user, ringHash: {minimumRingSize: 1024}}}"));
    Poll.until(CONVERGE, "calls of one user stick to one backend",
        () -> answers(user(ch, "u1"), 10).size() == 1 && answers(user(ch, "u2"), 10).size() == 1);
    Set<String> reached = new HashSet<>();
    for (int u = 0; u < 30; u++) {
      Set<String> one = answers(user(ch, "user-" + u), 5);
      assertEquals(1, one.size(), "user-" + u + " went to " + one);
      reached.addAll(one);
    }
    assertEquals(Set.of("sticky-a", "sticky-b"), reached, "different users spread over both backends");
  }

  /**
   * grpc-java has no Maglev and NACKs it, so the grpc shape gets a ring instead; the connection options beside it
   * (which grpc-java does not read) must not make it refuse the cluster either. Were either NACKed, round robin
   * would stay in force and one user's calls would keep spreading.
   */
  @Test
  void maglevWithConnectionOptionsStillSticksUsersForGrpc() throws Exception {
    Channel ch = serve("maglev", MESH.backends().start("maglev-a", ScriptedBackends.Mode.HEALTHY),
        MESH.backends().start("maglev-b", ScriptedBackends.Mode.HEALTHY));
    Poll.until(CONVERGE, "round robin spreads one user's calls", () -> answers(user(ch, "alice"), 10).size() == 2);
    apply(MeshYaml.destinationRule("maglev", """
        loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65537}}}
        connectionPool:
          tcp: {connectTimeout: 1s, maxConnectionDuration: 1h, tcpKeepalive: {probes: 3, time: 60s}}
          http: {idleTimeout: 30s, maxRetries: 3, h2UpgradePolicy: UPGRADE, maxConcurrentStreams: 100}
        outlierDetection: {consecutive5xxErrors: 50, splitExternalLocalOriginErrors: true, minHealthPercent: 10}
        """));
    Poll.until(CONVERGE, "calls of one user stick to one backend",
        () -> answers(user(ch, "u1"), 10).size() == 1 && answers(user(ch, "u2"), 10).size() == 1);
    Set<String> reached = new HashSet<>();
    for (int u = 0; u < 30; u++) {
      Set<String> one = answers(user(ch, "user-" + u), 5);
      assertEquals(1, one.size(), "user-" + u + " went to " + one);
      reached.addAll(one);
    }
    assertEquals(Set.of("maglev-a", "maglev-b"), reached, "different users spread over both backends");
  }

  /**
   * grpc-java's least-request balancer (gRFC A48) sends a call where fewer are in flight, so a burst of concurrent
   * calls mostly avoids a backend that holds each call for a while; round robin gives it every other call. grpc-java
   * draws its two candidates with replacement, so the slow backend still gets about a quarter (both draws on it).
   */
  @Test
  void leastRequestSteersConcurrentCallsAwayFromTheSlowBackend() throws Exception {
    Channel ch = serve("least", MESH.backends().start("least-slow", ScriptedBackends.Mode.SLOW),
        MESH.backends().start("least-fast", ScriptedBackends.Mode.HEALTHY));
    Poll.until(CONVERGE, "round robin gives the slow backend every other call",
        () -> burst(ch, 40).getOrDefault("least-slow", 0) == 20);
    apply(MeshYaml.destinationRule("least", "loadBalancer: {simple: LEAST_REQUEST}"));
    Poll.until(CONVERGE, "concurrent calls go where fewer are in flight",
        () -> burst(ch, 40).getOrDefault("least-slow", 0) <= 15);
  }

  @Test
  void outlierDetectionEjectsTheFailingBackend() throws Exception {
    Channel ch = serve("outlier", MESH.backends().start("good", ScriptedBackends.Mode.HEALTHY),
        MESH.backends().start("bad", ScriptedBackends.Mode.ALWAYS_UNAVAILABLE));
    assertTrue(errors(ch, 20) >= 5, "round robin reaches the failing backend");
    apply(MeshYaml.destinationRule("outlier",
        "outlierDetection: {consecutive5xxErrors: 3, interval: 1s, baseEjectionTime: 5m, maxEjectionPercent: 50}"));
    Poll.until(CONVERGE, "the failing backend is ejected", () -> errors(ch, 30) == 0);
    assertEquals(Set.of("good"), answers(ch, 100));
  }

  @Test
  void circuitBreakerRejectsASecondConcurrentCallWhileTheFirstIsInFlight() throws Exception {
    Channel ch = serve("breaker", MESH.backends().start("breaker", ScriptedBackends.Mode.HEALTHY));
    assertTrue(secondCallWhileFirstInFlight(ch) == Status.Code.OK, "without a limit two calls run concurrently");
    apply(MeshYaml.destinationRule("breaker", "connectionPool: {http: {http2MaxRequests: 1}}"));
    // A fresh channel per attempt: grpc-java binds its per-call counting to a subchannel when it creates it.
    Poll.until(CONVERGE, "a second concurrent call is rejected",
        () -> secondCallWhileFirstInFlight(channel("breaker")) == Status.Code.UNAVAILABLE);
    assertEquals("breaker", call(ch, "", 5_000), "with nothing in flight a call goes through");
  }

  /** Starts a 2 s call, then the status of a fast call made while the slow one is still in flight. */
  private static Status.Code secondCallWhileFirstInFlight(Channel ch) {
    var slow = ClientCalls.futureUnaryCall(ch.newCall(Echo.WHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
        "sleep:2000");
    Status.Code second = code(() -> call(ch, "", 5_000));
    if (slow.isDone()) {
      // The fast call raced past the end of the slow one: that proves nothing either way.
      return Status.Code.UNKNOWN;
    }
    try {
      slow.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return Status.Code.INTERNAL;
    }
    return second;
  }

  // --- helpers -------------------------------------------------------------------------------------------

  /** Applies the service over the backend ports and waits until the client reaches it. */
  private static Channel serve(String app, int... ports) throws Exception {
    apply(MeshYaml.service(app, ports));
    Channel ch = channel(app);
    Poll.until(CONVERGE, app + " answers", () -> answers(ch, 4).stream().anyMatch(a -> !a.equals("error")));
    return ch;
  }

  private static Channel channel(String app) {
    ManagedChannel ch = MESH.xdsChannel(app + ".demo.svc:8080");
    return ch;
  }

  private static void apply(String yaml) throws Exception {
    MESH.apply(yaml);
  }

  private static String call(Channel ch, String request, long deadlineMillis) {
    return ClientCalls.blockingUnaryCall(ch, Echo.WHO,
        CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS), request);
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static Map<Status.Code, Integer> outcomes(Channel ch, int n) {
    return outcomes(ch, n, 5_000);
  }

  private static Map<Status.Code, Integer> outcomes(Channel ch, int n, long deadlineMillis) {
    Map<Status.Code, Integer> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      out.merge(code(() -> call(ch, "", deadlineMillis)), 1, Integer::sum);
    }
    return out;
  }

  private static int errors(Channel ch, int n) {
    return n - outcomes(ch, n).getOrDefault(Status.Code.OK, 0);
  }

  /** The backends that answered n calls (failed calls count as "error"). */
  private static Set<String> answers(Channel ch, int n) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      try {
        seen.add(call(ch, "", 5_000));
      } catch (StatusRuntimeException e) {
        seen.add("error");
      }
    }
    return seen;
  }

  /** Who answered each of n calls started together ("error" for a failed one). */
  private static Map<String, Integer> burst(Channel ch, int n) {
    List<com.google.common.util.concurrent.ListenableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(ClientCalls.futureUnaryCall(
          ch.newCall(Echo.WHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), ""));
    }
    Map<String, Integer> out = new TreeMap<>();
    for (var call : calls) {
      String who;
      try {
        who = call.get();
      } catch (Exception e) {
        who = "error";
      }
      out.merge(who, 1, Integer::sum);
    }
    return out;
  }

  private static Channel user(Channel ch, String name) {
    Metadata headers = new Metadata();
    headers.put(USER, name);
    return ClientInterceptors.intercept(ch, MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
