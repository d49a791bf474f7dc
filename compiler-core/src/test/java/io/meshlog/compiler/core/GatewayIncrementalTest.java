package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.schemas.ProxyClasses;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A gateway class recompiles only when something it depends on changes: its Gateways, VirtualServices bound to
 * them, and the services its routes send traffic to. Incremental output equals a fresh compile.
 */
class GatewayIncrementalTest {
  private static final String INGRESS = "gateway@istio=ingressgateway";

  private static MeshObject one(String yaml) {
    try {
      List<IstioObject> objects = IstioYaml.parse(yaml, "test", "default");
      return IstioAdapter.toModel(objects.get(0), "yaml", "local");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static MeshObject service(String ns, String name, String address) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: %s, namespace: %s}
        spec:
          hosts: [%s.%s.svc.cluster.local]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 8080, name: http, protocol: HTTP}]
          endpoints: [{address: %s}]
        """.formatted(name, ns, name, ns, address));
  }

  private static MeshObject gateway(String selector) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: shop, namespace: shop}
        spec:
          selector: {%s}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
        """.formatted(selector));
  }

  private static MeshObject boundVs(String timeout) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: front}
        spec:
          hosts: [shop.example.com]
          gateways: [shop/shop]
          http: [{timeout: %s, route: [{destination: {host: web.shop.svc.cluster.local}}]}]
        """.formatted(timeout));
  }

  private static Set<String> classesIn(CompileDelta delta) {
    return Stream.concat(delta.upserts().stream().map(CompiledResource::key), delta.removals().stream())
        .map(ResourceKey::proxyClass).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void onlyChangesAGatewayClassDependsOnRecompileIt() {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(service("shop", "web", "10.0.0.1"), service("blog", "blog", "10.0.0.2"),
        gateway("istio: ingressgateway"), boundVs("5s")));
    assertTrue(compiler.resources().containsKey(
        new ResourceKey(INGRESS, io.meshlog.schemas.XdsTypes.CLUSTER, "outbound|8080||web.shop.svc.cluster.local")));
    assertFalse(compiler.resources().containsKey(
        new ResourceKey(INGRESS, io.meshlog.schemas.XdsTypes.CLUSTER, "outbound|8080||blog.blog.svc.cluster.local")),
        "a service no bound route sends traffic to is not in the gateway class");

    assertEquals(Set.of(INGRESS), classesIn(compiler.upsert(boundVs("7s"))),
        "a VirtualService bound only to the Gateway changes the gateway class and nothing else");
    assertTrue(classesIn(compiler.upsert(service("shop", "web", "10.0.0.9"))).contains(INGRESS),
        "new endpoints of a routed service reach the gateway class");
    assertFalse(classesIn(compiler.upsert(service("blog", "blog", "10.0.0.8"))).contains(INGRESS),
        "a service the gateway does not route to does not recompile it");

    // Moving the Gateway to another selector empties the old class and fills the new one.
    CompileDelta moved = compiler.upsert(gateway("istio: ingressgateway, tier: edge"));
    assertTrue(classesIn(moved).containsAll(Set.of(INGRESS, "gateway@istio=ingressgateway,tier=edge")));
    assertTrue(compiler.resources().keySet().stream().noneMatch(k -> k.proxyClass().equals(INGRESS)
        || k.name().equals(INGRESS)));

    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(List.of(service("shop", "web", "10.0.0.9"), service("blog", "blog", "10.0.0.8"),
        gateway("istio: ingressgateway, tier: edge"), boundVs("7s")));
    assertEquals(fresh.resources(), compiler.resources(), "incremental equals from scratch");

    compiler.delete("Gateway/shop/shop");
    assertTrue(compiler.resources().keySet().stream()
        .noneMatch(k -> ProxyClasses.shape(k.proxyClass()).equals(ProxyClasses.GATEWAY)
            || k.name().startsWith(ProxyClasses.GATEWAY)), "a deleted Gateway leaves nothing behind");
  }

  private static MeshObject passthroughGateway() {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 443, name: tls, protocol: TLS}, hosts: ["*.example.com"], tls: {mode: PASSTHROUGH}}]
        """);
  }

  /** Bound only through its TLS match's gateways: the top level names just the mesh. */
  private static MeshObject matchBoundVs(String destination) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web.example.com]
          gateways: [mesh]
          tls:
          - match: [{sniHosts: [web.example.com], gateways: [istio-system/edge]}]
            route: [{destination: {host: %s.svc.cluster.local, port: {number: 8080}}}]
        """.formatted(destination));
  }

  @Test
  void aVirtualServiceBoundByItsTlsMatchGatewaysReachesThePassthroughClass() {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(service("shop", "web", "10.0.0.1"), service("blog", "blog", "10.0.0.2"),
        passthroughGateway(), matchBoundVs("web.shop")));
    ResourceKey listener = new ResourceKey(INGRESS, io.meshlog.schemas.XdsTypes.LISTENER, "0.0.0.0_443");
    assertTrue(compiler.resources().containsKey(listener), "the TLS route gives the PASSTHROUGH port a chain");

    assertTrue(classesIn(compiler.upsert(matchBoundVs("blog.blog"))).contains(INGRESS),
        "a change to a VirtualService bound only by its match's gateways recompiles the gateway class");
    assertTrue(compiler.resources().containsKey(
        new ResourceKey(INGRESS, io.meshlog.schemas.XdsTypes.CLUSTER, "outbound|8080||blog.blog.svc.cluster.local")));

    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(List.of(service("shop", "web", "10.0.0.1"), service("blog", "blog", "10.0.0.2"),
        passthroughGateway(), matchBoundVs("blog.blog")));
    assertEquals(fresh.resources(), compiler.resources(), "incremental equals from scratch");

    compiler.delete("VirtualService/shop/web");
    assertFalse(compiler.resources().containsKey(listener), "no route left: no listener on the port");
  }
}
