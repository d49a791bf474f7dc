package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Sidecar scopes are compiled from the services they admit, and only changes they can see reach them. */
class SidecarScopeTest {
  private static final String WEB = "shop/web";

  private static MeshObject serviceEntry(String namespace, String host, int port) {
    return serviceEntry(namespace, host, port, "\"*\"");
  }

  private static MeshObject serviceEntry(String namespace, String host, int port, String exportTo) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: %s, namespace: %s}
        spec:
          hosts: [%s]
          exportTo: [%s]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: %d, name: grpc, protocol: GRPC}]
          endpoints: [{address: 10.0.0.1}]
        """.formatted(host.replace('.', '-'), namespace, host, exportTo, port));
  }

  private static MeshObject timeout(String namespace, String host, String timeout, String exportTo) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %s, namespace: %s}
        spec:
          hosts: [%s]
          exportTo: [%s]
          http: [{timeout: %s, route: [{destination: {host: %s}}]}]
        """.formatted(host.replace('.', '-'), namespace, host, exportTo, timeout, host));
  }

  private static MeshObject rootDefault(String hosts) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: istio-system}
        spec:
          egress: [{hosts: [%s]}]
        """.formatted(hosts));
  }

  private static MeshObject sidecar(String hosts) {
    return one("""
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: web, namespace: shop}
        spec:
          workloadSelector: {labels: {app: web}}
          egress: [{hosts: [%s]}]
        """.formatted(hosts));
  }

  private static MeshObject one(String yaml) {
    try {
      List<IstioObject> objects = IstioYaml.parse(yaml, "test", "default");
      return IstioAdapter.toModel(objects.get(0), "yaml", "local");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> namesOfClass(SortedMap<ResourceKey, CompiledResource> resources, String proxyClass) {
    return resources.keySet().stream().filter(k -> k.proxyClass().equals(proxyClass))
        .map(k -> k.typeUrl().substring(k.typeUrl().lastIndexOf('.') + 1) + " " + k.name())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> classesIn(CompileDelta delta) {
    return Stream.concat(delta.upserts().stream().map(CompiledResource::key), delta.removals().stream())
        .map(ResourceKey::proxyClass).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aServiceOutsideTheScopeIsNotCompiledForIt() {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(serviceEntry("shop", "api.shop.svc", 8080), serviceEntry("pay", "pay.pay.svc", 8080),
        sidecar("\"./*\"")));
    SortedMap<ResourceKey, CompiledResource> out = compiler.resources();
    assertEquals(Set.of("Cluster outbound|8080||api.shop.svc", "ClusterLoadAssignment outbound|8080||api.shop.svc",
        "Listener api.shop.svc:8080", "RouteConfiguration api.shop.svc:8080"), namesOfClass(out, "grpc@" + WEB));
    assertFalse(out.values().stream().anyMatch(r -> r.key().proxyClass().endsWith(WEB)
        && (r.key().name().contains("pay.pay.svc") || new String(r.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains("pay.pay.svc"))), "nothing of pay.pay.svc in the scope, not even a virtual host");
    assertTrue(namesOfClass(out, "grpc").contains("Listener pay.pay.svc:8080"), "the unscoped class sees it");
  }

  @Test
  void aChangeToAServiceTheScopeDoesNotAdmitEmitsNothingForTheScope() {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(serviceEntry("shop", "api.shop.svc", 8080), serviceEntry("pay", "pay.pay.svc", 8080),
        sidecar("\"./*\"")));
    CompileDelta added = compiler.upsert(serviceEntry("pay", "ledger.pay.svc", 8080));
    assertEquals(Set.of("grpc", "sidecar"), classesIn(added), "same port 8080, yet the scope's aggregate is untouched");
    CompileDelta removed = compiler.delete("ServiceEntry/pay/pay-pay-svc");
    assertEquals(Set.of("grpc", "sidecar"), classesIn(removed));
    CompileDelta admitted = compiler.upsert(serviceEntry("shop", "cart.shop.svc", 8080));
    assertEquals(Set.of("grpc", "grpc@" + WEB, "sidecar", "sidecar@" + WEB), classesIn(admitted));
  }

  @Test
  void changingTheSidecarRecompilesOnlyItsScope() {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(serviceEntry("shop", "api.shop.svc", 8080), serviceEntry("pay", "pay.pay.svc", 8080),
        sidecar("\"./*\"")));
    CompileDelta widened = compiler.upsert(sidecar("\"./*\", \"pay/pay.pay.svc\""));
    assertEquals(Set.of("grpc@" + WEB, "sidecar@" + WEB), classesIn(widened), "the directory record is unchanged");
    assertTrue(namesOfClass(compiler.resources(), "grpc@" + WEB).contains("Listener pay.pay.svc:8080"));
    CompileDelta gone = compiler.delete("Sidecar/shop/web");
    assertEquals(Set.of("directory", "grpc@" + WEB, "sidecar@" + WEB), classesIn(gone));
    assertTrue(gone.upserts().isEmpty());
    assertTrue(compiler.resources().keySet().stream().noneMatch(k -> k.proxyClass().endsWith(WEB)));
  }

  @Test
  void incrementalScopesEqualAFreshCompileAfterEveryStep() {
    List<MeshObject> steps = List.of(
        serviceEntry("shop", "api.shop.svc", 8080),
        sidecar("\"./*\""),
        serviceEntry("pay", "pay.pay.svc", 8080),
        serviceEntry("shop", "cart.shop.svc", 9090),
        sidecar("\"*/pay.pay.svc\""),
        serviceEntry("pay", "pay.pay.svc", 9090),
        sidecar("\"~/*\""),
        sidecar("\"*/*\""),
        rootDefault("\"*/*\""),
        serviceEntry("pay", "pay.pay.svc", 8080, "\".\""),
        timeout("pay", "pay.pay.svc", "3s", "\"shop\""),
        timeout("pay", "pay.pay.svc", "4s", "\".\""),
        serviceEntry("shop", "cart.shop.svc", 9090, "\"~\""),
        serviceEntry("pay", "pay.pay.svc", 8080, "\"shop\""),
        timeout("pay", "pay.pay.svc", "4s", "\"*\""));
    MeshCompiler incremental = new MeshCompiler();
    List<MeshObject> current = new ArrayList<>();
    for (MeshObject step : steps) {
      incremental.upsert(step);
      current.removeIf(o -> o.key().equals(step.key()));
      current.add(step);
      MeshCompiler fresh = new MeshCompiler();
      fresh.upsertAll(current);
      assertEquals(fresh.resources(), incremental.resources(), "after " + step.key());
    }
    incremental.delete("ServiceEntry/pay/pay-pay-svc");
    current.removeIf(o -> o.key().equals("ServiceEntry/pay/pay-pay-svc"));
    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(current);
    assertEquals(fresh.resources(), incremental.resources());
  }

  @Test
  void exportToIsExactForANamespaceScopeAndAChangeHiddenFromItEmitsNothingThere() {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(List.of(serviceEntry("pay", "pay.pay.svc", 8080), sidecar("\"*/*\"")));
    CompileDelta hidden = compiler.upsert(timeout("pay", "pay.pay.svc", "3s", "\".\""));
    // Only pay's own proxies see it: pay gets an implicit scope (and the directory lists it); the shared classes,
    // serving every other namespace, and shop's scope do not change.
    assertEquals(Set.of("directory", "grpc@pay/*", "sidecar@pay/*"), classesIn(hidden),
        "shop's proxies and the shared classes do not see pay's route change");
    CompileDelta exported = compiler.upsert(timeout("pay", "pay.pay.svc", "3s", "\"shop\""));
    assertEquals(Set.of("directory", "grpc@pay/*", "grpc@shop/*", "grpc@" + WEB, "sidecar@pay/*", "sidecar@shop/*",
        "sidecar@" + WEB), classesIn(exported),
        "now shop sees it (its Sidecar and, for its other proxies, shop/*); pay's implicit scope goes");
    assertEquals(compiler.resources().get(new ResourceKey("grpc", io.meshlog.schemas.XdsTypes.CLUSTER,
            "outbound|8080||pay.pay.svc")).version(),
        compiler.resources().get(new ResourceKey("grpc@" + WEB, io.meshlog.schemas.XdsTypes.CLUSTER,
            "outbound|8080||pay.pay.svc")).version());
    assertNotEquals(compiler.resources().get(new ResourceKey("grpc", io.meshlog.schemas.XdsTypes.ROUTE,
            "pay.pay.svc:8080")).version(),
        compiler.resources().get(new ResourceKey("grpc@" + WEB, io.meshlog.schemas.XdsTypes.ROUTE,
            "pay.pay.svc:8080")).version(), "the shared classes do not see a route exported to shop only");
    CompileDelta nowhere = compiler.upsert(serviceEntry("pay", "pay.pay.svc", 8080, "\"~\""));
    assertTrue(nowhere.upserts().isEmpty(), "exported nowhere: removed from every class");
    assertTrue(compiler.resources().keySet().stream().noneMatch(k -> k.name().contains("pay.pay.svc")));
  }
}
