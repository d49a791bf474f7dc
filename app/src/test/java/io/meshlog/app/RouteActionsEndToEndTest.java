package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * VirtualService route actions and matches as grpc-java's real xDS client sees them, through the whole
 * pipeline: each test starts from round robin over two backends (v1, v2) and polls until the client behaves as
 * the rule says. A resource gRPC NACKs leaves the old routing in place, so the poll times out.
 */
class RouteActionsEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @RegisterExtension static final GrpcMeshStack MESH = new GrpcMeshStack("actions");


  @Test
  void directResponseFailsEveryCallWithTheMappedStatus() throws Exception {
    Channel ch = serve("direct");
    apply(virtualService("direct", """
        - match: [{uri: {prefix: /meshlog.demo.Echo/}}]
          directResponse: {status: 503, body: {string: maintenance}}
        """));
    Poll.until(CONVERGE, "calls fail UNAVAILABLE (HTTP 503)", () -> code(ch) == Status.Code.UNAVAILABLE);
    for (int i = 0; i < 20; i++) {
      assertEquals(Status.Code.UNAVAILABLE, code(ch), "every call is answered by the route");
    }
  }

  @Test
  void aRouteWithQueryParamsIsSkippedAndTheNextRouteApplies() throws Exception {
    Channel ch = serve("query");
    // Envoy would also skip route 0 here (a gRPC request has no query string); gRPC ignores the route altogether
    // (gRFC A28) instead of NACKing the configuration, so route 1 takes every call.
    apply(virtualService("query", """
        - match: [{queryParams: {debug: {}}}]
          route: [{destination: {host: query.demo.svc, subset: v2}}]
        - route: [{destination: {host: query.demo.svc, subset: v1}}]
        """));
    Poll.until(CONVERGE, "only v1 answers", () -> answers(ch, 10).equals(Set.of("query-v1")));
    assertEquals(Set.of("query-v1"), answers(ch, 40));
  }

  @Test
  void ignoreUriCaseMatchesTheMethodPathInAnyCase() throws Exception {
    Channel ch = serve("nocase");
    apply(virtualService("nocase", """
        - match: [{uri: {prefix: /MESHLOG.DEMO.ECHO/WHO}, ignoreUriCase: true}]
          route: [{destination: {host: nocase.demo.svc, subset: v2}}]
        - route: [{destination: {host: nocase.demo.svc, subset: v1}}]
        """));
    Poll.until(CONVERGE, "only v2 answers", () -> answers(ch, 10).equals(Set.of("nocase-v2")));
  }

  /** Sidecar-only parts (rewrite, mirror, response and per-destination headers) do not make gRPC NACK. */
  @Test
  void routesWithSidecarOnlyPartsStillRouteForGrpc() throws Exception {
    Channel ch = serve("extras");
    apply(virtualService("extras", """
        - rewrite: {uri: /x, authority: other.demo.svc}
          mirror: {host: extras.demo.svc, subset: v1}
          mirrorPercentage: {value: 50}
          corsPolicy: {allowOrigins: [{exact: "https://a.example"}], allowMethods: [POST]}
          headers: {response: {set: {x-served-by: mesh}}}
          route:
          - destination: {host: extras.demo.svc, subset: v2}
            headers: {request: {set: {x-version: v2}}, response: {remove: [x-internal]}}
        """));
    Poll.until(CONVERGE, "only v2 answers", () -> answers(ch, 10).equals(Set.of("extras-v2")));
  }

  // --- helpers -------------------------------------------------------------------------------------------

  /** Two backends behind {@code <app>.demo.svc:8080}, subsets v1 and v2; waits until both answer. */
  private static Channel serve(String app) throws Exception {
    int v1 = MESH.backends().start(app + "-v1", ScriptedBackends.Mode.HEALTHY);
    int v2 = MESH.backends().start(app + "-v2", ScriptedBackends.Mode.HEALTHY);
    apply(MeshYaml.versions(app, v1, v2));
    ManagedChannel ch = MESH.xdsChannel(app + ".demo.svc:8080");
    Poll.until(CONVERGE, app + ": both backends answer", () -> answers(ch, 10).size() == 2);
    return ch;
  }

  private static String virtualService(String app, String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %1$s, namespace: demo}
        spec:
          hosts: [%1$s.demo.svc]
          http:
        """.formatted(app) + http.indent(2);
  }

  private static void apply(String yaml) throws Exception {
    MESH.apply(yaml);
  }

  private static Status.Code code(Channel ch) {
    try {
      call(ch);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static String call(Channel ch) {
    return ClientCalls.blockingUnaryCall(ch, Echo.WHO, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "");
  }

  /** The backends that answered n calls ("error" for a failed call). */
  private static Set<String> answers(Channel ch, int n) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      try {
        seen.add(call(ch));
      } catch (StatusRuntimeException e) {
        seen.add("error");
      }
    }
    return seen;
  }
}
