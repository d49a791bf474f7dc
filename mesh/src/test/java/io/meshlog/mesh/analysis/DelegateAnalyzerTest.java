package io.meshlog.mesh.analysis;

import static io.meshlog.mesh.analysis.AnalyzerTest.RULE;
import static io.meshlog.mesh.analysis.AnalyzerTest.SERVICE;
import static io.meshlog.mesh.analysis.AnalyzerTest.analyze;
import static io.meshlog.mesh.analysis.AnalyzerTest.expect;
import static io.meshlog.mesh.analysis.AnalyzerTest.only;
import static io.meshlog.mesh.analysis.AnalyzerTest.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per delegation code; a root with a well-formed delegate has no findings. */
class DelegateAnalyzerTest {
  private static final String ROOT = routes("echo", "echo.demo.svc", """
      - match: [{uri: {prefix: /api}}]
        delegate: {name: echo-api}
      - route: [{destination: {host: echo.demo.svc, subset: v1}}]
      """);

  private static String delegate(String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo-api, namespace: demo}
        spec:
          http:
        """ + http.indent(4);
  }

  private static final String GOOD = delegate("""
      - match: [{uri: {prefix: /api/v2}}]
        route: [{destination: {host: echo.demo.svc, subset: v2}}]
      """);

  @Test
  void aWellFormedDelegateHasNoFindings() {
    assertEquals(List.of(), analyze(SERVICE, RULE, ROOT, GOOD));
  }

  @Test
  void mla0011DelegateThatDoesNotExist() {
    expect(only(analyze(SERVICE, RULE, ROOT)), "MLA0011", Severity.WARNING, "VirtualService demo/echo",
        "spec.http[0].delegate");
  }

  @Test
  void mla0012DelegateWithHosts() {
    String withHosts = routes("echo-api", "echo.demo.svc", """
        - route: [{destination: {host: echo.demo.svc, subset: v2}}]
        """);
    List<Finding> all = analyze(SERVICE, RULE, ROOT, withHosts).stream()
        .filter(f -> f.code().equals("MLA0012")).toList();
    expect(only(all), "MLA0012", Severity.WARNING, "VirtualService demo/echo", "spec.http[0].delegate");
  }

  @Test
  void mla0013TwoLevelsOfDelegation() {
    // Validation rejects a host-less VirtualService that delegates, so the second level has hosts here.
    String secondLevel = routes("echo-api", "other.demo.svc", """
        - delegate: {name: deeper}
        """);
    List<Finding> all = analyze(SERVICE, RULE, ROOT, secondLevel).stream()
        .filter(f -> f.code().equals("MLA0013")).toList();
    expect(only(all), "MLA0013", Severity.WARNING, "VirtualService demo/echo", "spec.http[0].delegate");
  }

  @Test
  void mla0014DelegateRouteOutsideTheRootsMatchIsDropped() {
    String conflicting = delegate("""
        - match: [{uri: {prefix: /api/v2}}]
          route: [{destination: {host: echo.demo.svc, subset: v2}}]
        - match: [{uri: {prefix: /admin}}]
          route: [{destination: {host: echo.demo.svc, subset: v2}}]
        """);
    expect(only(analyze(SERVICE, RULE, ROOT, conflicting)), "MLA0014", Severity.WARNING,
        "VirtualService demo/echo-api", "spec.http[1].match");
  }
}
