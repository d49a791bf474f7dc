package io.meshlog.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.SelectorSets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
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

  /** The records the compiler writes for {@code selectors}: one class per realizable set. */
  private static ScopeDirectory gateways(ScopeDirectory d, Map<String, String>... selectors) throws Exception {
    for (SortedSet<String> set : SelectorSets.realizable(List.of(selectors), 32).orElseThrow()) {
      if (!set.isEmpty()) {
        d = d.with(ProxyClasses.gateway(set), ByteBuffer.wrap(GatewayClassTest.gatewayRecord(set).toByteArray()));
      }
    }
    return d;
  }

  private static String routerClass(ScopeDirectory d, Map<String, String> labels) {
    return new StreamState().proxyClass(GatewayClassTest.node("router~10.0.0.1~gw.istio-system~x", labels), d);
  }

  @Test
  void aRouterGetsTheClassMergingEveryGatewaySelectingItAndNeverASidecarScope() throws Exception {
    ScopeDirectory d = gateways(with(ScopeDirectory.EMPTY, "istio-system", "default", Map.of()),
        Map.of("istio", "ingressgateway"), Map.of("tier", "edge"), Map.of("istio", "ingressgateway", "app", "x"));
    assertEquals(1, d.size(), "gateway classes are not Sidecar scopes");
    assertEquals("gateway@istio=ingressgateway", routerClass(d, Map.of("istio", "ingressgateway")));
    assertEquals("gateway@istio=ingressgateway;tier=edge",
        routerClass(d, Map.of("istio", "ingressgateway", "tier", "edge", "zone", "a")),
        "a router two selectors match gets the class merging both");
    assertEquals("gateway@app=x,istio=ingressgateway;istio=ingressgateway;tier=edge",
        routerClass(d, Map.of("istio", "ingressgateway", "tier", "edge", "app", "x")));
    assertEquals("gateway", routerClass(d, Map.of("app", "other")),
        "a router no Gateway selects gets the empty gateway class, not the root Sidecar scope");
    Node sidecar = GatewayClassTest.node("sidecar~10.0.0.4~web.istio-system~x", Map.of("istio", "ingressgateway"));
    assertEquals("sidecar@istio-system/default", new StreamState().proxyClass(sidecar, d));
  }

  @Test
  void aSelectorLessGatewayIsInEveryRoutersClass() throws Exception {
    ScopeDirectory d = gateways(ScopeDirectory.EMPTY, Map.of(), Map.of("istio", "ingressgateway"));
    assertEquals("gateway@*", routerClass(d, Map.of("app", "other")),
        "a router no selector matches gets the selector-less Gateways' class");
    assertEquals("gateway@*;istio=ingressgateway", routerClass(d, Map.of("istio", "ingressgateway")));
    d = d.with("gateway@*", null).with("gateway@*;istio=ingressgateway", null);
    assertEquals("gateway", routerClass(d, Map.of("istio", "ingressgateway")), "no class known: the bare class");
  }
}
