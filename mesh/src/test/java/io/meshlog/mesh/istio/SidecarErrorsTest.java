package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.errors;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.EgressHost;
import io.meshlog.mesh.Sidecar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarErrorsTest {
  private static String sidecar(String namespace, String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: web, namespace: %s}
        spec:
        """.formatted(namespace) + spec.indent(2);
  }

  @Test
  void convertsSelectorEgressHostsAndPolicy() throws Exception {
    IstioObject o = IstioYaml.parse(sidecar("shop", """
        workloadSelector: {labels: {app: web}}
        egress: [{hosts: ["./*", "pay/pay.pay.svc", "*/*.example.com"]}]
        outboundTrafficPolicy: {mode: REGISTRY_ONLY}
        """), Rejections.SOURCE, "default").get(0);
    Sidecar sc = (Sidecar) IstioAdapter.toModel(o, "yaml", "local");
    assertEquals(Map.of("app", "web"), sc.workloadSelector());
    assertEquals(List.of(new EgressHost(".", "*"), new EgressHost("pay", "pay.pay.svc"),
        new EgressHost("*", "*.example.com")), sc.egressHosts());
    assertEquals(Sidecar.OutboundPolicy.REGISTRY_ONLY, sc.outboundPolicy());
    assertTrue(sc.admits("shop", "anything.shop.svc"));
    assertTrue(sc.admits("pay", "pay.pay.svc"));
    assertFalse(sc.admits("pay", "ledger.pay.svc"));
    assertTrue(sc.admits("other", "a.example.com"));
    assertFalse(sc.admits("other", "example.com"));
  }

  @Test
  void rejectsIngressAndEgressPortsAsNotSupported() {
    List<FieldError> es = errors(sidecar("shop", """
        ingress: [{port: {number: 80, protocol: HTTP, name: http}, defaultEndpoint: "127.0.0.1:8080"}]
        egress: [{port: {number: 80, protocol: HTTP, name: http}, bind: 127.0.0.1, hosts: ["./*"]}]
        outboundTrafficPolicy: {mode: REGISTRY_ONLY, egressProxy: {host: egress.istio-system.svc}}
        """));
    assertEquals(List.of("spec.ingress", "spec.egress[0].bind", "spec.egress[0].port",
        "spec.outboundTrafficPolicy.egressProxy"), es.stream().map(FieldError::field).toList());
    es.forEach(e -> assertEquals("not supported yet", e.message()));
  }

  @Test
  void rejectsAHostWithoutNamespace() {
    FieldError e = only(sidecar("shop", "egress: [{hosts: [api.shop.svc]}]"));
    assertError(e, "Sidecar shop/web", "spec.egress[0].hosts[0]");
    assertTrue(e.message().contains("must be namespace/host"), e.message());
  }

  @Test
  void rejectsDotInTheRootNamespace() {
    FieldError e = only(sidecar("istio-system", "egress: [{hosts: [\"./*\"]}]"));
    assertError(e, "Sidecar istio-system/web", "spec.egress[0].hosts[0]");
  }

  @Test
  void requiresEgress() {
    FieldError e = only(sidecar("shop", "outboundTrafficPolicy: {mode: ALLOW_ANY}"));
    assertError(e, "Sidecar shop/web", "spec.egress");
  }
}
