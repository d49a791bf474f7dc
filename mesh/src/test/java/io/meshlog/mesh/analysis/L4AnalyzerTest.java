package io.meshlog.mesh.analysis;

import static io.meshlog.mesh.analysis.AnalyzerTest.analyze;
import static io.meshlog.mesh.analysis.AnalyzerTest.expect;
import static io.meshlog.mesh.analysis.AnalyzerTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The TCP/TLS codes: one test per code, each finding filtered by its code (MLA0010 accompanies every one). */
class L4AnalyzerTest {
  private static final String DB = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: db, namespace: demo}
      spec:
        hosts: [db.demo.svc]
        %s
        location: MESH_INTERNAL
        resolution: STATIC
        ports: [{number: 5432, name: tcp, protocol: TCP}]
        endpoints: [{address: 10.0.0.1}]
      """;

  private static String tcp(String routes) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: db, namespace: demo}
        spec:
          hosts: [db.demo.svc]
          tcp:
        """ + routes.indent(4);
  }

  private static List<Finding> withCode(String code, List<Finding> all) {
    return all.stream().filter(f -> f.code().equals(code)).toList();
  }

  @Test
  void mla0008TcpRouteForAServiceWithoutAddressesAndWithoutSubnets() {
    List<Finding> all = analyze(DB.formatted(""), tcp("""
        - match: [{port: 5432}]
          route: [{destination: {host: db.demo.svc}}]
        - match: [{destinationSubnets: [10.1.0.0/16]}]
          route: [{destination: {host: db.demo.svc}}]
        """));
    expect(only(withCode("MLA0008", all)), "MLA0008", Severity.WARNING, "VirtualService demo/db",
        "spec.tcp[0].match[0]");
  }

  @Test
  void mla0008NotReportedWhenTheServiceHasAnAddress() {
    assertEquals(List.of(), withCode("MLA0008", analyze(DB.formatted("addresses: [240.0.0.1]"), tcp("""
        - route: [{destination: {host: db.demo.svc}}]
        """))));
  }

  @Test
  void sourceLabelsOnATcpMatchAreCompiledSoNoLongerReported() {
    // MLA0009 (retired) warned that they were ignored; they are compiled per label set now.
    List<Finding> all = analyze(DB.formatted("addresses: [240.0.0.1]"), tcp("""
        - match: [{sourceLabels: {app: batch}, sourceNamespace: jobs}]
          route: [{destination: {host: db.demo.svc}}]
        """));
    assertEquals(List.of("MLA0010"), all.stream().map(Finding::code).toList());
  }

  @Test
  void mla0010TcpRoutesDoNotReachProxylessGrpc() {
    List<Finding> all = analyze(DB.formatted("addresses: [240.0.0.1]"), tcp("""
        - route: [{destination: {host: db.demo.svc}}]
        """));
    expect(only(all), "MLA0010", Severity.WARNING, "VirtualService demo/db", "spec.tcp");
  }

  @Test
  void mla0001AlsoCoversTcpRouteSubsets() {
    List<Finding> all = analyze(DB.formatted("addresses: [240.0.0.1]"), tcp("""
        - route: [{destination: {host: db.demo.svc, subset: v9}}]
        """));
    expect(only(withCode("MLA0001", all)), "MLA0001", Severity.ERROR, "VirtualService demo/db",
        "spec.tcp[0].route[0].destination.subset");
  }
}
