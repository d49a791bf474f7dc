package io.meshlog.mesh.analysis;

import static io.meshlog.mesh.analysis.AnalyzerTest.analyze;
import static io.meshlog.mesh.analysis.AnalyzerTest.expect;
import static io.meshlog.mesh.analysis.AnalyzerTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoint fields istiod uses and meshlog does not: MLA0055 (network). */
class EndpointAnalyzerTest {
  private static final String ENTRY = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: echo, namespace: demo}
      spec:
        hosts: [echo.demo.svc]
        location: MESH_INTERNAL
        resolution: STATIC
        ports: [{number: 8080, name: grpc, protocol: GRPC}]
        workloadSelector: {labels: {app: echo}}
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: vm-1, namespace: demo}
      spec: {address: 10.1.0.1, labels: {app: echo}, %s}
      """;

  private static List<Finding> withCode(String code, List<Finding> all) {
    return all.stream().filter(f -> f.code().equals(code)).toList();
  }

  @Test
  void mla0055NetworkOfAWorkloadEntryOrAnInlineEndpointIsReported() {
    expect(only(withCode("MLA0055", analyze(ENTRY.formatted("network: west")))), "MLA0055",
        Severity.WARNING, "WorkloadEntry demo/vm-1", "spec.network");
    List<Finding> inline = analyze("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: demo}
        spec:
          hosts: [api.example.com]
          resolution: STATIC
          ports: [{number: 443, name: tls, protocol: TLS}]
          endpoints: [{address: 10.0.0.1}, {address: 10.0.0.2, network: east}]
        """);
    Finding f = only(withCode("MLA0055", inline));
    expect(f, "MLA0055", Severity.WARNING, "ServiceEntry demo/api", "spec.endpoints[1].network");
    assertTrue(f.message().contains("east"), f::toString);
  }

  @Test
  void mla0055NotWithoutANetwork() {
    assertEquals(List.of(), withCode("MLA0055", analyze(ENTRY.formatted("weight: 2"))));
  }
}
