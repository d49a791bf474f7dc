package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.errors;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP and TLS routes: every bad field named with its path. */
class L4RouteErrorsTest {
  private static String vs(String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: db, namespace: shop}
        spec:
        """ + spec.indent(2);
  }

  @Test
  void tcpDestinationSubnetsMustBeAddressesOrCidrs() {
    FieldError e = only(vs("""
        hosts: [db]
        tcp:
        - match: [{destinationSubnets: [10.0.0.0/16, 10.0.0.0/33]}]
          route: [{destination: {host: db}}]
        """));
    assertError(e, "VirtualService shop/db", "spec.tcp[0].match[0].destinationSubnets[1]");
    assertTrue(e.message().startsWith("invalid subnet \"10.0.0.0/33\""), e.message());
  }

  @Test
  void tcpPortMustBeAPortNumber() {
    assertError(only(vs("""
        hosts: [db]
        tcp: [{match: [{port: 70000}], route: [{destination: {host: db}}]}]
        """)), "VirtualService shop/db", "spec.tcp[0].match[0].port");
  }

  @Test
  void tcpRouteNeedsADestinationAndWeightsThatSumTo100() {
    List<FieldError> e = errors(vs("""
        hosts: [db]
        tcp:
        - match: [{port: 5432}]
        - route:
          - {destination: {host: db, subset: v1}, weight: 50}
          - {destination: {host: db, subset: v2}, weight: 20}
        """));
    assertEquals(2, e.size(), e::toString);
    assertError(e.get(0), "VirtualService shop/db", "spec.tcp[0].route");
    assertError(e.get(1), "VirtualService shop/db", "spec.tcp[1].route");
    assertEquals("weights sum to 70, must be 100", e.get(1).message());
  }

  @Test
  void tcpDestinationsTakeNoHeaders() {
    assertError(only(vs("""
        hosts: [db]
        tcp: [{route: [{destination: {host: db}, headers: {request: {set: {a: b}}}}]}]
        """)), "VirtualService shop/db", "spec.tcp[0].route[0].headers");
  }

  @Test
  void sniHostsAreRequiredForTlsRoutes() {
    List<FieldError> e = errors(vs("""
        hosts: [db]
        tls:
        - route: [{destination: {host: db}}]
        - match: [{port: 443}]
          route: [{destination: {host: db}}]
        """));
    assertEquals(2, e.size(), e::toString);
    assertError(e.get(0), "VirtualService shop/db", "spec.tls[0].match");
    assertError(e.get(1), "VirtualService shop/db", "spec.tls[1].match[0].sniHosts");
  }

  @Test
  void sniHostsMustFallUnderTheVirtualServicesHosts() {
    FieldError e = only(vs("""
        hosts: [db.shop.svc.cluster.local, "*.example.com"]
        tls:
        - match: [{sniHosts: [db.shop.svc.cluster.local, a.example.com, other.org]}]
          route: [{destination: {host: db}}]
        """));
    assertError(e, "VirtualService shop/db", "spec.tls[0].match[0].sniHosts[2]");
  }

  @Test
  void tcpMatchesTakeNoSniHosts() {
    assertError(only(vs("""
        hosts: [db]
        tcp: [{match: [{sniHosts: [db]}], route: [{destination: {host: db}}]}]
        """)), "VirtualService shop/db", "spec.tcp[0].match[0].sniHosts");
  }

  @Test
  void aVirtualServiceWithOnlyTcpRoutesIsValid() throws Exception {
    assertEquals(1, IstioYaml.parse(vs("""
        hosts: [db]
        tcp: [{route: [{destination: {host: db}}]}]
        """), "t.yaml", "default").size());
  }
}
