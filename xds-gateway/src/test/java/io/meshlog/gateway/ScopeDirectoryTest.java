package io.meshlog.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envoyproxy.envoy.config.core.v3.Node;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Istio's Sidecar precedence, and the node metadata that feeds it when there is no certificate. */
class ScopeDirectoryTest {
  private static ScopeDirectory with(ScopeDirectory d, String ns, String name, Map<String, String> selector)
      throws Exception {
    return d.with(ns + "/" + name, ByteBuffer.wrap(ScopeClassTest.scope(ns, name, selector).toByteArray()));
  }

  @Test
  void selectorInNamespaceBeatsNamespaceWideBeatsRootDefault() throws Exception {
    ScopeDirectory d = ScopeDirectory.EMPTY;
    d = with(d, "istio-system", "default", Map.of());
    assertEquals("sidecar@istio-system/default", d.classOf("sidecar", "shop", Map.of()));
    d = with(d, "shop", "default", Map.of());
    assertEquals("sidecar@shop/default", d.classOf("sidecar", "shop", Map.of("app", "web")));
    d = with(d, "shop", "web", Map.of("app", "web"));
    assertEquals("grpc@shop/web", d.classOf("grpc", "shop", Map.of("app", "web", "v", "1")));
    assertEquals("grpc@shop/default", d.classOf("grpc", "shop", Map.of("app", "api")));
    assertEquals("grpc@istio-system/default", d.classOf("grpc", "pay", Map.of("app", "web")),
        "another namespace's selector never applies");
    assertEquals("grpc", d.classOf("grpc", null, Map.of()), "no namespace known: unscoped");
    d = d.with("istio-system/default", null);
    assertEquals("sidecar", d.classOf("sidecar", "pay", Map.of()));
  }

  @Test
  void tiesGoToTheFirstByName() throws Exception {
    ScopeDirectory d = with(with(ScopeDirectory.EMPTY, "shop", "b", Map.of("app", "web")), "shop", "a",
        Map.of("tier", "front"));
    assertEquals("sidecar@shop/a", d.classOf("sidecar", "shop", Map.of("app", "web", "tier", "front")));
  }

  @Test
  void withoutCertificateTheMetadataNamespaceAndLabelsDecide() throws Exception {
    ScopeDirectory d = with(ScopeDirectory.EMPTY, "other", "default", Map.of());
    Node node = ScopeClassTest.node("x", "other", Map.of("app", "web"));
    assertEquals("grpc@other/default", new StreamState().proxyClass(node, d));
    assertEquals("grpc@other/default",
        new StreamState("spiffe://cluster.local/ns/other/sa/x").proxyClass(node, d));
    assertEquals("grpc", new StreamState("spiffe://cluster.local/ns/demo/sa/x").proxyClass(node, d),
        "a certificate for demo cannot claim other's scope");
  }
}
