package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.errors;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown and ill-typed fields are reported with their path, all of them at once. */
class UnknownFieldTest {
  private static String vs(String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: demo}
        spec:
          hosts: [echo]
          http:
        """ + http.indent(2);
  }

  @Test
  void namesThePathOfEveryUnknownField() {
    List<FieldError> e = errors(vs("""
        - rout: []
          route:
          - destination: {host: echo, subsett: v1}
        """));
    assertEquals(2, e.size(), e::toString);
    assertError(e.get(0), "VirtualService demo/echo", "spec.http[0].rout");
    assertEquals("unknown field", e.get(0).message());
    assertError(e.get(1), "VirtualService demo/echo", "spec.http[0].route[0].destination.subsett");
  }

  @Test
  void findsUnknownFieldsInsideOneofs() {
    FieldError e = only(vs("""
        - match:
          - uri: {exakt: /a}
          route:
          - destination: {host: echo}
        """));
    assertError(e, "VirtualService demo/echo", "spec.http[0].match[0].uri.exakt");
  }

  @Test
  void rejectsTwoAlternativesOfAOneof() {
    FieldError e = only(vs("""
        - match:
          - uri: {exact: /a, prefix: /b}
          route:
          - destination: {host: echo}
        """));
    assertError(e, "VirtualService demo/echo", "spec.http[0].match[0].uri.prefix");
  }

  @Test
  void reportsIllTypedValues() {
    FieldError e = only(vs("""
        - route:
          - destination: {host: echo, port: {number: "80"}}
        """));
    assertError(e, "VirtualService demo/echo", "spec.http[0].route[0].destination.port.number");
    assertEquals("must be an integer", e.message());
  }

  @Test
  void reportsUnknownEnumValues() {
    FieldError e = only("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo, namespace: demo}
        spec:
          host: echo
          trafficPolicy: {loadBalancer: {simple: FASTEST}}
        """);
    assertError(e, "DestinationRule demo/echo", "spec.trafficPolicy.loadBalancer.simple");
  }
}
