package io.meshlog.mesh.analysis;

import static io.meshlog.mesh.analysis.AnalyzerTest.analyze;
import static io.meshlog.mesh.analysis.AnalyzerTest.expect;
import static io.meshlog.mesh.analysis.AnalyzerTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The codes of matches on the client (sourceLabels, sourceNamespace): one test per code. */
class ClientMatchAnalyzerTest {
  private static final String ECHO = AnalyzerTest.SERVICE;

  private static String vs(String name, String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %s, namespace: demo}
        spec:
        """.formatted(name) + spec.indent(2);
  }

  private static List<Finding> withCode(String code, List<Finding> all) {
    return all.stream().filter(f -> f.code().equals(code)).toList();
  }

  /** Five independent keys make 32 label sets, the most allowed; a sixth would double them. */
  private static String selectorsOn(String name, String... keys) {
    StringBuilder m = new StringBuilder();
    for (String k : keys) {
      m.append("  - {sourceLabels: {").append(k).append(": x}}\n");
    }
    return vs(name, "hosts: [echo.demo.svc]\nhttp:\n- match:\n" + m + "  route: [{destination: {host: echo.demo.svc}}]\n");
  }

  @Test
  void mla0040TheVirtualServiceWhoseSelectorsGoOverTheLabelSetCapIsTheOneReported() {
    List<Finding> all = analyze(ECHO, selectorsOn("a", "k1", "k2", "k3", "k4", "k5"), selectorsOn("b", "k6"));
    expect(only(withCode("MLA0040", all)), "MLA0040", Severity.ERROR, "VirtualService demo/b",
        "spec.http[0].match[0].sourceLabels");
  }

  @Test
  void mla0040NotReportedForSelectorsOnOneKey() {
    assertEquals(List.of(), withCode("MLA0040", analyze(ECHO, vs("a", """
        hosts: [echo.demo.svc]
        http:
        - match: [{sourceLabels: {app: a}}, {sourceLabels: {app: b}}, {sourceLabels: {app: c}}]
          route: [{destination: {host: echo.demo.svc}}]
        """))));
  }

  @Test
  void mla0041ASourceMatchAtAGatewayIsIgnoredByRouters() {
    List<Finding> all = analyze(ECHO, vs("edge", """
        hosts: [echo.example.com]
        gateways: [ingress, mesh]
        http:
        - match: [{sourceNamespace: web}]
          route: [{destination: {host: echo.demo.svc}}]
        - match: [{sourceLabels: {app: x}, gateways: [mesh]}]
          route: [{destination: {host: echo.demo.svc}}]
        """));
    expect(only(withCode("MLA0041", all)), "MLA0041", Severity.WARNING, "VirtualService demo/edge",
        "spec.http[0].match[0].sourceNamespace");
  }
}
