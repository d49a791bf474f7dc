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
    return gateway("shop", "shop", selector, 80);
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
  /** A VirtualService whose TLS match names the Gateway; {@code gateways} is its top-level list. */
  private static MeshObject matchNamingVs(String destination, String gateways) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web.example.com]
          gateways: [%s]
          tls:
          - match: [{sniHosts: [web.example.com], gateways: [istio-system/edge]}]
            route: [{destination: {host: %s.svc.cluster.local, port: {number: 8080}}}]
        """.formatted(gateways, destination));
  }

  @Test
  void aTlsMatchNamingTheGatewayReachesThePassthroughClassOnlyWhenTheVirtualServiceIsBoundThere() {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(service("shop", "web", "10.0.0.1"), service("blog", "blog", "10.0.0.2"),
        passthroughGateway(), matchNamingVs("web.shop", "mesh")));
    ResourceKey listener = new ResourceKey(INGRESS, io.meshlog.schemas.XdsTypes.LISTENER, "0.0.0.0_443");
    assertFalse(compiler.resources().containsKey(listener),
        "a match's gateways only narrow: not bound at the top level, the VirtualService binds nothing (istiod)");

    assertTrue(classesIn(compiler.upsert(matchNamingVs("web.shop", "mesh, istio-system/edge"))).contains(INGRESS),
        "binding the VirtualService at the top level recompiles the gateway class");
    assertTrue(compiler.resources().containsKey(listener), "the TLS route gives the PASSTHROUGH port a chain");
    assertTrue(classesIn(compiler.upsert(matchNamingVs("blog.blog", "mesh, istio-system/edge"))).contains(INGRESS),
        "a change to the bound VirtualService recompiles the gateway class");
    assertTrue(compiler.resources().containsKey(
        new ResourceKey(INGRESS, io.meshlog.schemas.XdsTypes.CLUSTER, "outbound|8080||blog.blog.svc.cluster.local")));

    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(List.of(service("shop", "web", "10.0.0.1"), service("blog", "blog", "10.0.0.2"),
        passthroughGateway(), matchNamingVs("blog.blog", "mesh, istio-system/edge")));
    assertEquals(fresh.resources(), compiler.resources(), "incremental equals from scratch");

    compiler.delete("VirtualService/shop/web");
    assertFalse(compiler.resources().containsKey(listener), "no route left: no listener on the port");
  }

  private static MeshObject gateway(String ns, String name, String selector, int port) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: %s, namespace: %s}
        spec:
          selector: {%s}
          servers: [{port: {number: %d, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
        """.formatted(name, ns, selector, port));
  }

  private static final String MERGED = "gateway@istio=ingressgateway;tier=edge";

  private static Set<String> listenersOf(MeshCompiler compiler, String proxyClass) {
    return compiler.resources().keySet().stream()
        .filter(k -> k.proxyClass().equals(proxyClass) && k.typeUrl().equals(io.meshlog.schemas.XdsTypes.LISTENER))
        .map(ResourceKey::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> gatewayClasses(MeshCompiler compiler) {
    return compiler.resources().keySet().stream().map(ResourceKey::proxyClass)
        .filter(c -> ProxyClasses.shape(c).equals(ProxyClasses.GATEWAY)).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void mergedClassesRebuildOnlyWhereTheChangedSelectorIsAndEqualAFreshCompile() {
    MeshCompiler compiler = new MeshCompiler();
    List<MeshObject> base = List.of(service("shop", "web", "10.0.0.1"), service("blog", "blog", "10.0.0.2"),
        gateway("istio: ingressgateway"), gateway("edge", "edge", "tier: edge", 8080), boundVs("5s"));
    compiler.upsertAll(base);
    assertEquals(Set.of(INGRESS, "gateway@tier=edge", MERGED), gatewayClasses(compiler));
    assertEquals(Set.of("0.0.0.0_80", "0.0.0.0_8080"), listenersOf(compiler, MERGED),
        "a router both selectors match has the servers of both Gateways");

    assertEquals(Set.of(INGRESS, MERGED), classesIn(compiler.upsert(boundVs("7s"))),
        "a VirtualService bound to shop/shop reaches the classes holding its selector, not tier=edge alone");
    assertEquals(Set.of("gateway@tier=edge", MERGED),
        classesIn(compiler.upsert(gateway("edge", "edge", "tier: edge", 8081))),
        "a Gateway change reaches the classes holding its selector");

    // A selector-less Gateway is in every router's class: every class is renamed and rebuilt with its port.
    compiler.upsert(gateway("ops", "all", "", 9090));
    assertEquals(Set.of("gateway@*", "gateway@*;istio=ingressgateway", "gateway@*;tier=edge",
        "gateway@*;istio=ingressgateway;tier=edge"), gatewayClasses(compiler));
    assertEquals(Set.of("0.0.0.0_9090"), listenersOf(compiler, "gateway@*"));
    assertEquals(Set.of("0.0.0.0_80", "0.0.0.0_8081", "0.0.0.0_9090"),
        listenersOf(compiler, "gateway@*;istio=ingressgateway;tier=edge"));
    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(List.of(service("shop", "web", "10.0.0.1"), service("blog", "blog", "10.0.0.2"),
        gateway("istio: ingressgateway"), gateway("edge", "edge", "tier: edge", 8081), boundVs("7s"),
        gateway("ops", "all", "", 9090)));
    assertEquals(fresh.resources(), compiler.resources(), "incremental equals from scratch");

    compiler.delete("Gateway/ops/all");
    compiler.upsert(gateway("edge", "edge", "tier: edge", 8080));
    compiler.upsert(boundVs("5s"));
    MeshCompiler again = new MeshCompiler();
    again.upsertAll(base);
    assertEquals(again.resources(), compiler.resources(), "back to the start, as from scratch");
  }

  @Test
  void selectorsBeyondTheCapOnClassesAreLeftOutWhateverTheOrder() {
    // Six independent selectors could make 2^6 = 64 sets; in canonical order a..e make 32, f would double it.
    List<MeshObject> gateways = new java.util.ArrayList<>();
    for (String k : List.of("f", "c", "a", "e", "b", "d")) {
      gateways.add(gateway(k, "gw", k + ": \"1\"", 80));
    }
    MeshCompiler forward = new MeshCompiler();
    gateways.forEach(forward::upsert);
    MeshCompiler reverse = new MeshCompiler();
    List<MeshObject> reversed = new java.util.ArrayList<>(gateways);
    java.util.Collections.reverse(reversed);
    reverse.upsertAll(reversed);
    assertEquals(forward.resources(), reverse.resources(), "the selector left out does not depend on the order");
    Set<String> classes = gatewayClasses(forward);
    assertEquals(31, classes.size(), "32 sets, the empty one (no selector matched) compiles to nothing");
    assertTrue(classes.stream().noneMatch(c -> c.contains("f=1")), "f, last in canonical order, is left out");
    forward.delete("Gateway/a/gw");
    assertTrue(gatewayClasses(forward).stream().anyMatch(c -> c.contains("f=1")), "with a gone, f fits");
  }

  private static MeshObject eastWest() {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: cross-network, namespace: istio-system}
        spec:
          selector: {istio: eastwestgateway}
          servers: [{port: {number: 15443, name: tls, protocol: TLS}, hosts: ["*.local"], tls: {mode: AUTO_PASSTHROUGH}}]
        """);
  }

  @Test
  void aServiceAppearingUnderAnAutoPassthroughHostAddsItsSniDnatClusters() {
    String eastWestClass = "gateway@istio=eastwestgateway";
    ResourceKey sniDnat = new ResourceKey(eastWestClass, io.meshlog.schemas.XdsTypes.CLUSTER,
        "outbound_.8080_._.blog.blog.svc.cluster.local");
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(service("shop", "web", "10.0.0.1"), eastWest()));
    assertFalse(compiler.resources().containsKey(sniDnat));

    assertTrue(classesIn(compiler.upsert(service("blog", "blog", "10.0.0.2"))).contains(eastWestClass),
        "a new service under *.local reaches the class, though no route names it");
    assertTrue(compiler.resources().containsKey(sniDnat));
    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(List.of(service("shop", "web", "10.0.0.1"), eastWest(), service("blog", "blog", "10.0.0.2")));
    assertEquals(fresh.resources(), compiler.resources(), "incremental equals from scratch");

    compiler.delete("ServiceEntry/blog/blog");
    assertFalse(compiler.resources().containsKey(sniDnat), "its clusters go with it");
  }

  private static MeshObject exportedToFront(String kind) {
    return one(kind.equals("VirtualService") ? """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: admin, namespace: front}
        spec:
          hosts: [shop.example.com]
          gateways: [shop/shop]
          exportTo: ["."]
          http: [{match: [{uri: {prefix: /admin}}], route: [{destination: {host: web.shop.svc.cluster.local}}]}]
        """ : """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: web, namespace: front}
        spec:
          host: web.shop.svc.cluster.local
          exportTo: ["."]
          trafficPolicy: {connectionPool: {tcp: {maxConnections: 7}}}
        """);
  }

  /** Whether the class's route configuration http.80 holds {@code text} (a domain or a path). */
  private static boolean hasRouteFor(MeshCompiler compiler, String proxyClass, String domain) {
    CompiledResource r = compiler.resources().get(
        new ResourceKey(proxyClass, io.meshlog.schemas.XdsTypes.ROUTE, "http.80"));
    return r != null && new String(r.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(domain);
  }

  @Test
  void exportToNamingANamespaceAddsItsGatewayVariantAndReachesOnlyTheVariantsThatSeeTheObject() {
    MeshCompiler compiler = new MeshCompiler();
    List<MeshObject> base = List.of(service("shop", "web", "10.0.0.1"), gateway("istio: ingressgateway"),
        boundVs("5s"));
    compiler.upsertAll(base);
    assertEquals(Set.of(INGRESS), gatewayClasses(compiler), "no exportTo names a namespace: no variant");
    String front = ProxyClasses.gatewayVariant(INGRESS, "front");

    Set<String> reached = classesIn(compiler.upsert(exportedToFront("VirtualService")));
    assertTrue(reached.contains(front), "front is named: its variant appears");
    assertFalse(reached.contains(INGRESS), "the class holds the public view, which did not change");
    assertTrue(hasRouteFor(compiler, front, "/admin"));
    assertFalse(hasRouteFor(compiler, INGRESS, "/admin"), "exported to front only");
    assertTrue(hasRouteFor(compiler, INGRESS, "shop.example.com"), "the public VirtualService stays in the class");

    Set<String> gatewaysReached = classesIn(compiler.upsert(exportedToFront("DestinationRule"))).stream()
        .filter(c -> ProxyClasses.shape(c).equals(ProxyClasses.GATEWAY)).collect(Collectors.toSet());
    assertEquals(Set.of(front), gatewaysReached, "front's DestinationRule changes web's cluster in front's variant only");

    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(base);
    fresh.upsertAll(List.of(exportedToFront("VirtualService"), exportedToFront("DestinationRule")));
    assertEquals(fresh.resources(), compiler.resources(), "incremental equals from scratch");

    compiler.delete(exportedToFront("VirtualService").key());
    compiler.delete(exportedToFront("DestinationRule").key());
    assertEquals(Set.of(INGRESS), gatewayClasses(compiler), "front no longer named: its variant goes");
    MeshCompiler again = new MeshCompiler();
    again.upsertAll(base);
    assertEquals(again.resources(), compiler.resources(), "back to the output without exportTo");
  }
}
