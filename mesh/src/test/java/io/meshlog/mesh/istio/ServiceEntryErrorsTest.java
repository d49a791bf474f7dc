package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServiceEntryErrorsTest {
  private static String se(String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: echo, namespace: demo}
        spec:
        """ + spec.indent(2);
  }

  @Test
  void rejectsDuplicatePorts() {
    FieldError e = only(se("""
        hosts: [echo.demo.mesh]
        ports:
        - {number: 80, name: http}
        - {number: 80, name: http-alt}
        """));
    assertError(e, "ServiceEntry demo/echo", "spec.ports[1].number");
    assertEquals("duplicate port 80", e.message());
  }

  @Test
  void rejectsEndpointsTogetherWithASelector() {
    FieldError e = only(se("""
        hosts: [echo.demo.mesh]
        ports: [{number: 80, name: http}]
        endpoints: [{address: 10.0.0.1}]
        workloadSelector: {labels: {app: echo}}
        """));
    assertError(e, "ServiceEntry demo/echo", "spec.workloadSelector");
    assertEquals("cannot be used with spec.endpoints", e.message());
  }

  @Test
  void requiresHosts() {
    assertError(only(se("ports: [{number: 80, name: http}]")), "ServiceEntry demo/echo", "spec.hosts");
  }

  @Test
  void staticEndpointsMustBeIpAddresses() {
    FieldError e = only(se("""
        hosts: [echo.demo.mesh]
        ports: [{number: 80, name: http}]
        resolution: STATIC
        endpoints: [{address: echo.example.com}]
        """));
    assertError(e, "ServiceEntry demo/echo", "spec.endpoints[0].address");
  }

  /** istiod checks these SANs on connections from sidecars to the entry; meshlog would drop them silently. */
  @Test
  void rejectsSubjectAltNames() {
    FieldError e = only(se("""
        hosts: [echo.demo.mesh]
        ports: [{number: 80, name: http}]
        subjectAltNames: ["spiffe://cluster.local/ns/demo/sa/echo"]
        """));
    assertError(e, "ServiceEntry demo/echo", "spec.subjectAltNames");
    assertEquals("not supported yet", e.message());
  }
}
