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
  void aMatchPortMustBeAPortNumber() {
    FieldError e = only(vs("""
        hosts: [echo]
        http:
        - match: [{port: 70000}]
          route:
          - destination: {host: echo}
        """));
    assertError(e, "VirtualService demo/echo", "spec.http[0].match[0].port");
    assertEquals("must be a port number (1-65535), not 70000", e.message());
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
  void requiresHostsUnlessItIsADelegateWithHttpRoutes() {
    List<FieldError> e = errors(vs("tcp: [{route: [{destination: {host: echo}}]}]"));
    assertEquals(2, e.size(), e::toString);
    assertError(e.get(0), "VirtualService demo/echo", "spec.hosts");
    assertError(e.get(1), "VirtualService demo/echo", "spec.tcp");
  }

  @Test
  void rejectsFieldsThatWouldChangeRoutingButAreNotSupported() {
    List<FieldError> e = errors(vs("""
        hosts: [echo]
        tcp:
        - match: [{sourceSubnet: 10.0.0.0/8}]
          route:
          - destination: {host: echo}
        """));
    assertEquals(1, e.size(), e::toString);
    assertError(e.get(0), "VirtualService demo/echo", "spec.tcp[0].match[0].sourceSubnet");
    assertEquals("not supported yet", e.get(0).message());
  }

  @Test
  void aDelegatingRouteHasNoDestinationsAndNamesItsDelegate() {
    List<FieldError> e = errors(vs("""
        hosts: [echo]
        http:
        - delegate: {namespace: Bad_NS}
          route: [{destination: {host: echo}}]
        """));
    assertEquals(3, e.size(), e::toString);
    assertError(e.get(0), "VirtualService demo/echo", "spec.http[0].delegate.name");
    assertError(e.get(1), "VirtualService demo/echo", "spec.http[0].delegate.namespace");
    assertError(e.get(2), "VirtualService demo/echo", "spec.http[0].route");
  }

  @Test
  void aDelegateHasNoGatewaysAndDoesNotDelegateAgain() {
    List<FieldError> e = errors(vs("""
        gateways: [mesh]
        http:
        - delegate: {name: deeper}
        """));
    assertEquals(2, e.size(), e::toString);
    assertError(e.get(0), "VirtualService demo/echo", "spec.gateways");
    assertError(e.get(1), "VirtualService demo/echo", "spec.http[0].delegate");
  }
}
