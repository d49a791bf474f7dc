package io.meshlog.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import io.meshlog.schemas.ProxyClasses;
import org.junit.jupiter.api.Test;

/**
 * A node's namespace variant ({@code <ns>/*}, when exportTo or sourceNamespace name its namespace) and label
 * variant ({@code #<selector set>}, when its labels match sourceLabels selectors), from the compiler's
 * {@code views} directory record.
 */
class ClientViewClassTest {
  static ByteBuffer views(List<String> namespaces, List<String> selectors) {
    ListValue.Builder ns = ListValue.newBuilder();
    namespaces.forEach(n -> ns.addValues(str(n)));
    ListValue.Builder sel = ListValue.newBuilder();
    selectors.forEach(s -> sel.addValues(str(s)));
    return ByteBuffer.wrap(Struct.newBuilder()
        .putFields("kind", str("views"))
        .putFields("namespaces", Value.newBuilder().setListValue(ns).build())
        .putFields("selectors", Value.newBuilder().setListValue(sel).build())
        .build().toByteArray());
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  @Test
  void aNamedNamespaceWithoutSidecarGetsItsImplicitScopeOthersTheSharedClass() throws Exception {
    ScopeDirectory d = ScopeDirectory.EMPTY.with("views", views(List.of("shop"), List.of()));
    assertEquals("sidecar@shop/*", d.classOf("sidecar", "shop", Map.of()));
    assertEquals("grpc", d.classOf("grpc", "web", Map.of()), "a namespace nothing names sees the public view");
    assertEquals("grpc", d.classOf("grpc", null, Map.of()), "no namespace known: the shared class");
    d = d.with("shop/default", ByteBuffer.wrap(ScopeClassTest.scope("shop", "default", Map.of()).toByteArray()));
    assertEquals("grpc@shop/default", d.classOf("grpc", "shop", Map.of()), "a Sidecar of its own wins");
    assertEquals(1, d.size(), "the views record is no Sidecar scope");
    d = d.with("views", null);
    assertEquals("sidecar", d.classOf("sidecar", "web", Map.of()));
  }

  @Test
  void labelsPickTheVariantOfExactlyTheSelectorsTheyMatch() throws Exception {
    ScopeDirectory d = ScopeDirectory.EMPTY.with("views", views(List.of("shop"), List.of("app=canary", "tier=front")))
        .with("shop/web", ByteBuffer.wrap(ScopeClassTest.scope("shop", "web", Map.of("app", "web")).toByteArray()));
    assertEquals("grpc@*/*#app=canary", d.classOf("grpc", "pay", Map.of("app", "canary", "x", "y")));
    assertEquals("grpc@*/*#app=canary;tier=front", d.classOf("grpc", "pay", Map.of("app", "canary", "tier", "front")));
    assertEquals("grpc", d.classOf("grpc", "pay", Map.of("app", "web")), "no selector matched: the shared class");
    assertEquals("sidecar@shop/*#tier=front", d.classOf("sidecar", "shop", Map.of("tier", "front")));
    assertEquals("sidecar@shop/web#tier=front", d.classOf("sidecar", "shop", Map.of("app", "web", "tier", "front")),
        "a Sidecar scope has label variants too");
  }

  @Test
  void theRootDefaultSidecarHasAVariantPerNamedNamespace() throws Exception {
    ScopeDirectory d = ScopeDirectory.EMPTY.with("views", views(List.of("istio-system", "shop"), List.of("app=canary")))
        .with("istio-system/default",
            ByteBuffer.wrap(ScopeClassTest.scope("istio-system", "default", Map.of()).toByteArray()));
    assertEquals("grpc@istio-system/default~shop", d.classOf("grpc", "shop", Map.of()));
    assertEquals("grpc@istio-system/default~istio-system", d.classOf("grpc", "istio-system", Map.of()));
    assertEquals("grpc@istio-system/default", d.classOf("grpc", "web", Map.of()), "a namespace nothing names");
    assertEquals("grpc@istio-system/default~shop#app=canary", d.classOf("grpc", "shop", Map.of("app", "canary")));
  }

  @Test
  void theCertificatesNamespaceWinsOverTheMetadata() throws Exception {
    ScopeDirectory d = ScopeDirectory.EMPTY.with("views", views(List.of("shop"), List.of("app=canary")));
    Node claimsShop = ScopeClassTest.node("x", "shop", Map.of("app", "canary"));
    assertEquals("grpc@shop/*#app=canary", new StreamState().proxyClass(claimsShop, d), "no certificate: metadata");
    assertEquals("grpc@*/*#app=canary",
        new StreamState("spiffe://cluster.local/ns/web/sa/x").proxyClass(claimsShop, d),
        "a certificate for web cannot claim shop's view; labels still come from metadata");
    Node claimsWeb = ScopeClassTest.node("x", "web", Map.of());
    assertEquals("grpc@shop/*", new StreamState("spiffe://cluster.local/ns/shop/sa/x").proxyClass(claimsWeb, d));
  }

  @Test
  void aRouterOfANamedNamespaceGetsItsGatewayVariantTheCertificatesNamespaceWinning() throws Exception {
    SortedSet<String> set = new TreeSet<>(Set.of("istio=ingressgateway"));
    String base = ProxyClasses.gateway(set);
    ScopeDirectory d = ScopeDirectory.EMPTY.with("views", views(List.of("edge"), List.of()))
        .with(base, ByteBuffer.wrap(GatewayClassTest.gatewayRecord(set).toByteArray()));
    Map<String, String> labels = Map.of("istio", "ingressgateway");
    Node inEdge = router("router~10.0.0.1~gw.edge~edge.svc.cluster.local", "edge", labels);
    assertEquals(base, new StreamState().proxyClass(inEdge, d), "no variant written yet: the class");
    String variant = ProxyClasses.gatewayVariant(base, "edge");
    assertEquals("gateway@istio=ingressgateway%edge", variant);
    d = d.with(variant, ByteBuffer.wrap(GatewayClassTest.gatewayRecord(set).toByteArray()));
    assertEquals(variant, new StreamState().proxyClass(inEdge, d), "no certificate: metadata NAMESPACE");
    assertEquals(variant, new StreamState().proxyClass(router("router~10.0.0.1~gw.edge~edge.svc.cluster.local", "",
        labels), d), "no metadata: the namespace of the node id");
    Node claimsEdge = router("router~10.0.0.2~gw.web~web.svc.cluster.local", "edge", labels);
    assertEquals(base, new StreamState("spiffe://cluster.local/ns/web/sa/gw").proxyClass(claimsEdge, d),
        "a certificate for web cannot claim edge's view");
    Node claimsWeb = router("router~10.0.0.1~gw.edge~edge.svc.cluster.local", "web", labels);
    assertEquals(variant, new StreamState("spiffe://cluster.local/ns/edge/sa/gw").proxyClass(claimsWeb, d),
        "the certificate's namespace wins over the metadata");
    assertEquals(base, new StreamState().proxyClass(router("router~10.0.0.3~gw.web~web.svc.cluster.local", "web",
        labels), d), "a namespace nothing names: the class (public view)");
    d = d.with("views", null);
    assertEquals(base, new StreamState().proxyClass(inEdge, d), "edge no longer named: the class");
  }

  private static Node router(String id, String namespace, Map<String, String> labels) {
    Struct.Builder l = Struct.newBuilder();
    labels.forEach((k, v) -> l.putFields(k, str(v)));
    Struct.Builder md = Struct.newBuilder().putFields("LABELS", Value.newBuilder().setStructValue(l).build());
    if (!namespace.isEmpty()) {
      md.putFields("NAMESPACE", str(namespace));
    }
    return Node.newBuilder().setId(id).setMetadata(md).build();
  }
}
