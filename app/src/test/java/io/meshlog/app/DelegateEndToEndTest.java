package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VirtualService delegation as grpc-java's real xDS client sees it, through the whole pipeline: the root hands
 * the Echo service's path (gRPC's "/api") to a delegate that routes by header; editing only the delegate moves
 * the calls, which only works if the compiler recompiles the root when its delegate changes.
 */
class DelegateEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final Metadata.Key<String> USER = Metadata.Key.of("x-user", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir static Path dir;
  static Stack stack;
  static ScriptedBackends backends;
  static ManagedChannel channel;

  @BeforeAll
  static void startStack() {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new ScriptedBackends();
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), "delegate"));
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
  void editingOnlyTheDelegateMovesTheRpcs() throws Exception {
    int v1 = backends.start("echo-v1", ScriptedBackends.Mode.HEALTHY);
    int v2 = backends.start("echo-v2", ScriptedBackends.Mode.HEALTHY);
    apply(MeshYaml.service("echo", v1, v2) + """
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo, namespace: demo}
        spec:
          host: echo.demo.svc
          subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: demo}
        spec:
          hosts: [echo.demo.svc]
          http:
          - match: [{uri: {prefix: /meshlog.demo.Echo/}}]
            delegate: {name: echo-api, namespace: team}
          - route: [{destination: {host: echo.demo.svc, subset: v1}}]
        ---
        """ + delegate("v2", "v1"));
    channel = Grpc.newChannelBuilder("xds:///echo.demo.svc:8080", InsecureChannelCredentials.create()).build();
    Channel alice = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(user("alice")));

    Poll.until(CONVERGE, "alice reaches v2, others v1",
        () -> answers(alice, 10).equals(Set.of("echo-v2")) && answers(channel, 10).equals(Set.of("echo-v1")));
    assertEquals(Set.of("echo-v2"), answers(alice, 30), "the delegate's header route decides alice's calls");
    assertEquals(Set.of("echo-v1"), answers(channel, 30), "the delegate's default route takes the rest");

    apply(delegate("v1", "v2"));

    Poll.until(CONVERGE, "alice moves to v1, others to v2",
        () -> answers(alice, 10).equals(Set.of("echo-v1")) && answers(channel, 10).equals(Set.of("echo-v2")));
    assertEquals(Set.of("echo-v1"), answers(alice, 30));
  }

  /** The delegate: x-user alice to one subset, everything else to the other. */
  private static String delegate(String aliceSubset, String restSubset) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo-api, namespace: team}
        spec:
          http:
          - match: [{headers: {x-user: {exact: alice}}}]
            route: [{destination: {host: echo.demo.svc, subset: %s}}]
          - route: [{destination: {host: echo.demo.svc, subset: %s}}]
        """.formatted(aliceSubset, restSubset);
  }

  private static Metadata user(String name) {
    Metadata m = new Metadata();
    m.put(USER, name);
    return m;
  }

  private static void apply(String yaml) throws Exception {
    CliRun.apply(dir, stack.endpoints().ingestUrl(), yaml);
  }

  /** The backends that answered n calls ("error" for a failed call). */
  private static Set<String> answers(Channel ch, int n) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      try {
        seen.add(ClientCalls.blockingUnaryCall(
            ch, Echo.WHO, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), ""));
      } catch (StatusRuntimeException e) {
        seen.add("error");
      }
    }
    return seen;
  }
}
