package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A Sidecar scopes what grpc-java's real xDS client can resolve, through the whole pipeline (apply → ingest →
 * Kafka → compiler → gateway). The client whose node (bootstrap metadata NAMESPACE shop, LABELS app=web) the
 * Sidecar selects resolves only the services the Sidecar admits; a client of the same namespace with other
 * labels is not selected and resolves everything; widening the Sidecar reaches the selected client's open
 * channel.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SidecarEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final String PLAIN_SCHEME = "xds-plain";
  private static final String DEMO_SCHEME = "xds-demo";

  @TempDir static Path dir;
  static Stack stack;
  static ScriptedBackends backends;
  static final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeAll
  static void startStack() {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new ScriptedBackends();
    String xds = stack.endpoints().xdsAddress();
    // grpc-java reads the default bootstrap once per JVM (surefire gives this class its own): the selected node.
    System.setProperty("io.grpc.xds.bootstrapConfig", bootstrap(xds, "web.shop", "web"));
    // The unselected node gets its own xDS client through a second resolver scheme with its own bootstrap.
    XdsNodes.register(PLAIN_SCHEME, xds, "api.shop", "shop", "api");
    // A client of demo, where the exportTo test's service lives.
    XdsNodes.register(DEMO_SCHEME, xds, "api.demo", "demo", "api");
  }

  static String bootstrap(String xdsAddress, String nodeId, String app) {
    return """
        {"xds_servers": [{"server_uri": "%s", "channel_creds": [{"type": "insecure"}], "server_features": ["xds_v3"]}],
         "node": {"id": "%s", "metadata": {"GENERATOR": "grpc", "NAMESPACE": "shop", "LABELS": {"app": "%s"}}}}
        """.formatted(xdsAddress, nodeId, app);
  }

  @AfterAll
  static void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    if (backends != null) {
      backends.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  static String sidecar(String hosts) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: web, namespace: shop}
        spec:
          workloadSelector: {labels: {app: web}}
          egress: [{hosts: [%s]}]
          outboundTrafficPolicy: {mode: REGISTRY_ONLY}
        """.formatted(hosts);
  }

  @Test
  @Order(1)
  void selectedClientResolvesOnlyWhatItsSidecarAdmitsUntilTheSidecarAdmitsMore() throws Exception {
    // The scope exists before any client connects: a stream resolves its class once, at its first request.
    apply(sidecar("\"demo/kept.demo.svc\""));
    Poll.until(CONVERGE, "the gateway knows the scope",
        () -> stack.gateway().snapshots().directory().scopeIds().contains("shop/web"));
    apply(MeshYaml.service("kept", backends.start("kept", ScriptedBackends.Mode.HEALTHY)));
    apply(MeshYaml.service("hidden", backends.start("hidden", ScriptedBackends.Mode.HEALTHY)));

    Channel kept = channel("xds", "kept");
    Poll.until(CONVERGE, "the selected client reaches the admitted service", () -> "kept".equals(tryCall(kept)));
    Channel plainHidden = channel(PLAIN_SCHEME, "hidden");
    Poll.until(CONVERGE, "a client the Sidecar does not select reaches hidden",
        () -> "hidden".equals(tryCall(plainHidden)));

    Channel hidden = channel("xds", "hidden");
    // Its listener does not exist for this node's class: grpc-java gives up on it (resource does not exist,
    // after its initial fetch timeout) and fails the call UNAVAILABLE rather than reaching the backend.
    StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
        () -> call(hidden, 60_000));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());

    apply(sidecar("\"demo/kept.demo.svc\", \"demo/hidden.demo.svc\""));
    Poll.until(CONVERGE, "the widened Sidecar reaches the selected client's open channel",
        () -> "hidden".equals(tryCall(hidden)));
    assertEquals("kept", call(kept, 5_000), "the admitted service is still reached");
    String listed = run("get", "sidecars", "-n", "shop", "--server", stack.endpoints().ingestUrl());
    org.junit.jupiter.api.Assertions.assertTrue(listed.contains("web"), listed);
  }

  /**
   * exportTo: a service exported only to its own namespace (demo) resolves for demo's client (its namespace's
   * implicit scope) but neither for the client of shop's Sidecar scope nor for shop's unselected client (the
   * shared class, which sees only what every namespace sees); exporting it to shop reaches both open channels
   * (the unselected one is moved to shop's implicit scope and reconnects).
   */
  @Test
  @Order(2)
  void serviceExportedElsewhereDoesNotResolveInTheScopeUntilExportedToItsNamespace() throws Exception {
    apply(sidecar("\"*/*\""));
    int port = backends.start("secret", ScriptedBackends.Mode.HEALTHY);
    apply(exported(MeshYaml.service("secret", port), "\".\""));
    Channel demo = channel(DEMO_SCHEME, "secret");
    Poll.until(CONVERGE, "demo's client has it", () -> "secret".equals(tryCall(demo)));
    Channel scoped = channel("xds", "secret");
    Channel plain = channel(PLAIN_SCHEME, "secret");
    StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
        () -> call(scoped, 60_000));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    assertEquals("error", tryCall(plain), "the shared class does not see what is exported to demo only");
    apply(exported(MeshYaml.service("secret", port), "\".\", shop"));
    Poll.until(CONVERGE, "exported to shop: the scoped client's open channel reaches it",
        () -> "secret".equals(tryCall(scoped)));
    Poll.until(CONVERGE, "and shop's unselected client's", () -> "secret".equals(tryCall(plain)));
  }

  /** The ServiceEntry of {@link MeshYaml#service} with an exportTo list. */
  private static String exported(String serviceYaml, String exportTo) {
    return serviceYaml.replaceFirst("  workloadSelector:", "  exportTo: [" + exportTo + "]\n  workloadSelector:");
  }

  private static Channel channel(String scheme, String app) {
    ManagedChannel ch = Grpc.newChannelBuilder(scheme + ":///" + app + ".demo.svc:8080",
        InsecureChannelCredentials.create()).build();
    channels.add(ch);
    return ch;
  }

  private static String call(Channel ch, long deadlineMillis) {
    return ClientCalls.blockingUnaryCall(ch, Echo.WHO,
        CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS), "");
  }

  private static String tryCall(Channel ch) {
    try {
      return call(ch, 5_000);
    } catch (StatusRuntimeException e) {
      return "error";
    }
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    assertEquals(0, cmd.execute(args), String.join(" ", args) + ": " + err + out);
    return out.toString();
  }

  private static void apply(String yaml) throws Exception {
    CliRun.apply(dir, stack.endpoints().ingestUrl(), yaml);
  }
}
