package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.errors;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualServiceErrorsTest {
  private static String vs(String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: demo}
        spec:
        """ + spec.indent(2);
  }

  @Test
  void weightsMustSumTo100() {
    FieldError e = only(vs("""
        hosts: [echo]
        http:
        - route:
          - {destination: {host: echo, subset: v1}, weight: 70}
          - {destination: {host: echo, subset: v2}, weight: 20}
        """));
    assertError(e, "VirtualService demo/echo", "spec.http[0].route");
    assertEquals("weights sum to 90, must be 100", e.message());
  }

  @Test
  void requiresTheDestinationHost() {
    FieldError e = only(vs("""
        hosts: [echo]
        http:
        - route:
          - destination: {subset: v1}
        """));
    assertError(e, "VirtualService demo/echo", "spec.http[0].route[0].destination.host");
  }

  @Test
  void requiresHosts() {
    assertError(only(vs("http: [{route: [{destination: {host: echo}}]}]")), "VirtualService demo/echo",
        "spec.hosts");
  }

  @Test
  void rejectsFieldsThatWouldChangeRoutingButAreNotSupported() {
    List<FieldError> e = errors(vs("""
        hosts: [echo]
        http:
        - delegate: {name: other}
        - match: [{sourceLabels: {app: x}}]
          route:
          - destination: {host: echo}
        tcp:
        - route:
          - destination: {host: echo}
        """));
    assertEquals(3, e.size(), e::toString);
    assertError(e.get(0), "VirtualService demo/echo", "spec.tcp");
    assertError(e.get(1), "VirtualService demo/echo", "spec.http[0].delegate");
    assertEquals("not supported yet", e.get(1).message());
    assertError(e.get(2), "VirtualService demo/echo", "spec.http[1].match[0].sourceLabels");
  }
}
