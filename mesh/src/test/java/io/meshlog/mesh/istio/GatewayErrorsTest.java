package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.errors;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.GatewayTlsBinding;
import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.ServerTls;
import io.meshlog.mesh.VirtualService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gateway validation names the object and the field; what is not compiled is rejected, not dropped. */
class GatewayErrorsTest {
  private static final String GW = "Gateway shop/ingress";

  private static String gateway(String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: ingress, namespace: shop}
        spec:
        """ + spec.indent(2);
  }

  private static Gateway model(String yaml) throws Exception {
    return (Gateway) IstioAdapter.toModel(IstioYaml.parse(yaml, Rejections.SOURCE, "default").get(0), "yaml", "local");
  }

  private static String server(String server) {
    return gateway("selector: {istio: ingressgateway}\nservers:\n" + ("- " + server.strip().replace("\n", "\n  ")).indent(0));
  }

  @Test
  void convertsServersHostsAndTls() throws Exception {
    Gateway g = model(gateway("""
        selector: {istio: ingressgateway}
        servers:
        - port: {number: 80, name: http, protocol: HTTP}
          hosts: [a.example.com, "./b.example.com"]
          tls: {httpsRedirect: true}
        - port: {number: 443, name: https, protocol: HTTPS}
          hosts: ["web/*.example.com"]
          tls: {mode: MUTUAL, credentialName: cert, subjectAltNames: [client.example.com], minProtocolVersion: TLSV1_2}
        """));
    assertEquals(Map.of("istio", "ingressgateway"), g.selector());
    GatewayServer http = g.servers().get(0);
    assertEquals(List.of(new GatewayHost("*", "a.example.com"), new GatewayHost(".", "b.example.com")), http.hosts());
    assertTrue(http.httpsRedirect());
    ServerTls tls = g.servers().get(1).tls();
    assertEquals(ServerTls.Mode.MUTUAL, tls.mode());
    assertEquals("cert", tls.credentialName());
    assertEquals("TLSV1_2", tls.minProtocolVersion());
  }

  @Test
  void requiresServersButNoSelector() throws Exception {
    assertError(only(gateway("selector: {}\nservers: []")), GW, "spec.servers");
    // Istio applies a Gateway without a selector to every router; so does meshlog.
    Gateway g = model(gateway(
        "servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [a.example.com]}]"));
    assertTrue(g.selector().isEmpty());
  }

  @Test
  void serverPortAndHostsAreChecked() {
    List<FieldError> es = errors(server("""
        port: {number: 70000, protocol: HTTP}
        hosts: ["bad ns/a.example.com", "*/not_a_host"]
        """));
    assertEquals(List.of("spec.servers[0].port.number", "spec.servers[0].port.name", "spec.servers[0].hosts[0]",
        "spec.servers[0].hosts[1]"), es.stream().map(FieldError::field).toList(), es::toString);
    assertError(only(server("port: {number: 80, name: http}\nhosts: [a.example.com]")), GW,
        "spec.servers[0].port.protocol");
    assertError(only(server("port: {number: 80, name: http, protocol: HTTP}")), GW, "spec.servers[0].hosts");
  }

  @Test
  void unsupportedProtocolsModesAndFieldsAreRejected() {
    FieldError mongo = only(server("port: {number: 27017, name: mongo, protocol: MONGO}\nhosts: ['*']"));
    assertError(mongo, GW, "spec.servers[0].port.protocol");
    assertTrue(mongo.message().contains("not supported yet"), mongo.message());
    FieldError optional = only(server(
        "port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']\ntls: {mode: OPTIONAL_MUTUAL, credentialName: c}"));
    assertError(optional, GW, "spec.servers[0].tls.mode");
    assertTrue(optional.message().contains("OPTIONAL_MUTUAL not supported yet"), optional.message());
    assertError(only(server("port: {number: 80, name: http, protocol: HTTP}\nhosts: ['*']\nbind: 127.0.0.1")),
        GW, "spec.servers[0].bind");
    assertError(only(server("port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']\n"
        + "tls: {mode: SIMPLE, credentialName: c, caCrl: /crl.pem}")), GW, "spec.servers[0].tls.caCrl");
  }

  @Test
  void passthroughServersOnTlsAndHttpsPorts() throws Exception {
    Gateway g = model(gateway("""
        selector: {istio: ingressgateway}
        servers:
        - port: {number: 443, name: tls, protocol: TLS}
          hosts: ["*.example.com"]
          tls: {mode: PASSTHROUGH}
        - port: {number: 8443, name: https, protocol: HTTPS}
          hosts: [api.example.com]
          tls: {mode: PASSTHROUGH}
        """));
    assertEquals(GatewayServer.Protocol.TLS, g.servers().get(0).protocol());
    assertEquals(ServerTls.passthrough(), g.servers().get(0).tls());
    assertTrue(g.servers().get(0).passthrough());
    assertTrue(g.servers().get(1).passthrough());
  }

  @Test
  void tcpServersAndTlsServersThatTerminate() throws Exception {
    Gateway g = model(gateway("""
        selector: {istio: ingressgateway}
        servers:
        - port: {number: 31400, name: tcp, protocol: TCP}
          hosts: ["*"]
        - port: {number: 9443, name: tls, protocol: TLS}
          hosts: [db.example.com]
          tls: {mode: SIMPLE, credentialName: db}
        - port: {number: 9444, name: tls-m, protocol: TLS}
          hosts: [db.example.com]
          tls: {mode: MUTUAL, credentialName: db}
        """));
    assertEquals(List.of(true, true, true), g.servers().stream().map(GatewayServer::routesTcp).toList());
    assertEquals(ServerTls.Mode.MUTUAL, g.servers().get(2).tls().mode());
    assertError(only(server("port: {number: 31400, name: tcp, protocol: TCP}\nhosts: ['*']\n"
        + "tls: {mode: SIMPLE, credentialName: c}")), GW, "spec.servers[0].tls.mode");
    assertError(only(server("port: {number: 31400, name: tcp, protocol: TCP}\nhosts: ['*']\n"
        + "tls: {httpsRedirect: true}")), GW, "spec.servers[0].tls.httpsRedirect");
  }

  @Test
  void istioMutualUsesTheMeshCertificateAndTakesNoOther() throws Exception {
    ServerTls tls = model(server("port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']\n"
        + "tls: {mode: ISTIO_MUTUAL, subjectAltNames: [spiffe://cluster.local/ns/a/sa/b]}")).servers().get(0).tls();
    assertEquals(ServerTls.istioMutual(List.of("spiffe://cluster.local/ns/a/sa/b"), "", "", List.of()), tls);
    List<FieldError> es = errors(server("port: {number: 9443, name: tls, protocol: TLS}\nhosts: ['*']\n"
        + "tls: {mode: ISTIO_MUTUAL, credentialName: c, caCertificates: /ca.pem}"));
    assertEquals(List.of("spec.servers[0].tls.credentialName", "spec.servers[0].tls.caCertificates"),
        es.stream().map(FieldError::field).toList(), es::toString);
    assertTrue(es.get(0).message().contains("mesh certificate"), es.get(0).message());
  }

  @Test
  void autoPassthroughOnTlsServersOnlyAndWithoutCertificates() throws Exception {
    GatewayServer s = model(server("port: {number: 15443, name: tls, protocol: TLS}\nhosts: ['*.local']\n"
        + "tls: {mode: AUTO_PASSTHROUGH}")).servers().get(0);
    assertTrue(s.autoPassthrough());
    assertEquals(ServerTls.autoPassthrough(), s.tls());
    assertError(only(server("port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']\n"
        + "tls: {mode: AUTO_PASSTHROUGH}")), GW, "spec.servers[0].tls.mode");
    FieldError cert = only(server("port: {number: 15443, name: tls, protocol: TLS}\nhosts: ['*']\n"
        + "tls: {mode: AUTO_PASSTHROUGH, credentialName: c}"));
    assertError(cert, GW, "spec.servers[0].tls.credentialName");
    assertTrue(cert.message().contains("not used with mode AUTO_PASSTHROUGH"), cert.message());
  }

  @Test
  void passthroughTakesNoCertificatesAndATlsServerNeedsAMode() {
    List<FieldError> es = errors(server("port: {number: 443, name: tls, protocol: TLS}\nhosts: ['*']\n"
        + "tls: {mode: PASSTHROUGH, credentialName: c, minProtocolVersion: TLSV1_2}"));
    assertEquals(List.of("spec.servers[0].tls.credentialName", "spec.servers[0].tls.minProtocolVersion"),
        es.stream().map(FieldError::field).toList(), es::toString);
    assertTrue(es.get(0).message().contains("not used with mode PASSTHROUGH"), es.get(0).message());
    assertError(only(server("port: {number: 443, name: tls, protocol: TLS}\nhosts: ['*']")), GW,
        "spec.servers[0].tls.mode");
  }

  @Test
  void httpsNeedsCertificatesAndMutualNeedsAClientCa() {
    assertError(only(server("port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']")), GW,
        "spec.servers[0].tls.mode");
    List<FieldError> es = errors(server("port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']\n"
        + "tls: {mode: MUTUAL, serverCertificate: /cert.pem}"));
    assertEquals(List.of("spec.servers[0].tls.privateKey", "spec.servers[0].tls.caCertificates"),
        es.stream().map(FieldError::field).toList(), es::toString);
    assertError(only(server("port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']\n"
        + "tls: {mode: SIMPLE, credentialName: c, privateKey: /key.pem}")), GW, "spec.servers[0].tls.privateKey");
    assertError(only(server("port: {number: 80, name: http, protocol: HTTP}\nhosts: ['*']\n"
        + "tls: {mode: SIMPLE, credentialName: c}")), GW, "spec.servers[0].tls.mode");
    assertError(only(server("port: {number: 443, name: https, protocol: HTTPS}\nhosts: ['*']\n"
        + "tls: {mode: SIMPLE, credentialName: c, httpsRedirect: true}")), GW, "spec.servers[0].tls.httpsRedirect");
  }

  @Test
  void virtualServiceGatewaysAreQualifiedInItsNamespace() throws Exception {
    IstioObject o = IstioYaml.parse("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web.example.com]
          gateways: [ingress, edge/public, mesh]
          http: [{route: [{destination: {host: web}}]}]
        """, Rejections.SOURCE, "default").get(0);
    VirtualService vs = (VirtualService) IstioAdapter.toModel(o, "yaml", "local");
    assertEquals(List.of("shop/ingress", "edge/public"), vs.gatewayIds());
    assertTrue(vs.appliesToMesh());
  }

  /** istiod indexes VirtualServices by their top-level gateways only: a match's gateways narrow, never widen. */
  @Test
  void tlsMatchGatewaysDoNotBindTheVirtualService() throws Exception {
    IstioObject o = IstioYaml.parse("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: shop}
        spec:
          hosts: [api.example.com]
          gateways: [mesh]
          tls:
          - match: [{sniHosts: [api.example.com], gateways: [edge/public, ingress]}]
            route: [{destination: {host: api}}]
        """, Rejections.SOURCE, "default").get(0);
    VirtualService vs = (VirtualService) IstioAdapter.toModel(o, "yaml", "local");
    assertEquals(List.of(), vs.gatewayIds());
    L4Match match = vs.tls().get(0).matches().get(0);
    assertFalse(GatewayTlsBinding.applies(vs, match, "edge/public", 443));
  }
}
