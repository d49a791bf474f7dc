package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Routing that depends on which client asks, through the whole pipeline with grpc-java's real xDS client: two
 * proxyless clients with different node metadata (web: NAMESPACE web, LABELS app=web; canary: NAMESPACE shop,
 * LABELS app=canary), each with its own xDS client (its own resolver scheme and bootstrap), call the same
 * {@code xds:///} target and reach different backends per the VirtualService's sourceLabels, sourceNamespace and
 * exportTo. Each test starts from round robin over two local backends (v1, v2).
 */
class ClientMatchEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final String WEB = "xds-web";
  private static final String CANARY = "xds-canary";

  @RegisterExtension static final GrpcMeshStack MESH = new GrpcMeshStack("unused");

  @BeforeAll
  static void clients() {
    String xds = MESH.stack().endpoints().xdsAddress();
    XdsNodes.register(WEB, xds, "web.web", "web", "web");
    XdsNodes.register(CANARY, xds, "canary.shop", "shop", "canary");
  }

  /** sourceLabels app=canary, then sourceNamespace shop: each holds for the canary client only. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"lbl|sourceLabels: {app: canary}", "nsm|sourceNamespace: shop"})
  void aSourceMatchSendsOnlyTheClientItDescribesToV2(String app, String condition) throws Exception {
    Channel[] ch = serve(app);
    apply(virtualService(app, "demo", "", """
        - match: [{%2$s}]
          route: [{destination: {host: %1$s.demo.svc, subset: v2}}]
        - route: [{destination: {host: %1$s.demo.svc, subset: v1}}]
        """.formatted(app, condition)));
    assertRouting(ch, app, Set.of(app + "-v1"), Set.of(app + "-v2"));
  }

  /** A VirtualService of namespace shop exported to "." applies to shop's client only; web keeps round robin. */
  @Test
  void aVirtualServiceExportedToItsOwnNamespaceAppliesOnlyToTheClientThere() throws Exception {
    Channel[] ch = serve("exp");
    apply(virtualService("exp", "shop", "exportTo: [\".\"]", """
        - route: [{destination: {host: exp.demo.svc, subset: v2}}]
        """));
    assertRouting(ch, "exp", Set.of("exp-v1", "exp-v2"), Set.of("exp-v2"));
  }

  /** Polls until the web and canary clients see their answers, then checks them over more calls. */
  private static void assertRouting(Channel[] ch, String app, Set<String> web, Set<String> canary)
      throws InterruptedException {
    Poll.until(CONVERGE, app + ": canary client reaches " + canary, () -> answers(ch[1], 20).equals(canary));
    Poll.until(CONVERGE, app + ": web client reaches " + web, () -> answers(ch[0], 20).equals(web));
    assertEquals(canary, answers(ch[1], 40), "the canary client");
    assertEquals(web, answers(ch[0], 40), "the web client");
  }

  /** Two backends behind {@code <app>.demo.svc:8080}, subsets v1 and v2; both clients reach both first. */
  private static Channel[] serve(String app) throws Exception {
    int v1 = MESH.backends().start(app + "-v1", ScriptedBackends.Mode.HEALTHY);
    int v2 = MESH.backends().start(app + "-v2", ScriptedBackends.Mode.HEALTHY);
    apply(MeshYaml.versions(app, v1, v2));
    Channel[] out = {channel(WEB, app), channel(CANARY, app)};
    for (Channel c : out) {
      Poll.until(CONVERGE, app + ": both backends answer", () -> answers(c, 10).size() == 2);
    }
    return out;
  }

  private static Channel channel(String scheme, String app) {
    ManagedChannel ch = Grpc.newChannelBuilder(scheme + ":///" + app + ".demo.svc:8080",
        InsecureChannelCredentials.create()).build();
    CHANNELS.add(ch);
    return ch;
  }

  private static final List<ManagedChannel> CHANNELS = new java.util.concurrent.CopyOnWriteArrayList<>();

  @org.junit.jupiter.api.AfterAll
  static void closeChannels() {
    CHANNELS.forEach(ManagedChannel::shutdownNow);
  }

  private static String virtualService(String app, String namespace, String extra, String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %1$s, namespace: %2$s}
        spec:
          hosts: [%1$s.demo.svc]
          %3$s
          http:
        """.formatted(app, namespace, extra) + http.indent(2);
  }

  private static void apply(String yaml) throws Exception {
    MESH.apply(yaml);
  }

  private static Set<String> answers(Channel ch, int n) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      try {
        seen.add(ClientCalls.blockingUnaryCall(ch, Echo.WHO,
            CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), ""));
      } catch (StatusRuntimeException e) {
        seen.add("error");
      }
    }
    return seen;
  }
}
