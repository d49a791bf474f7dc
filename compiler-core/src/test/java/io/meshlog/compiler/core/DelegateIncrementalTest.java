package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.schemas.XdsTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delegate has no hosts, so only the index's delegate edge tells the compiler that editing it (or a service
 * its routes point at) changes the root's hosts. Each step is checked against a fresh compile as well.
 */
class DelegateIncrementalTest {
  private static final String HOST = "reviews.shop.svc";
  private static final String BASE = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: reviews, namespace: shop}
      spec:
        hosts: [reviews.shop.svc]
        location: MESH_INTERNAL
        resolution: STATIC
        ports: [{number: 9080, name: http, protocol: HTTP}]
        endpoints:
        - {address: 10.0.0.1, labels: {version: v1}}
        - {address: 10.0.0.2, labels: {version: v2}}
      ---
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews, namespace: shop}
      spec:
        host: reviews.shop.svc
        subsets:
        - {name: v1, labels: {version: v1}}
        - {name: v2, labels: {version: v2}}
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews, namespace: shop}
      spec:
        hosts: [reviews.shop.svc]
        http:
        - match: [{uri: {prefix: /api}}]
          delegate: {name: reviews-api}
        - route: [{destination: {host: reviews.shop.svc, subset: v1}}]
      """;
  private static final String DELEGATE = """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews-api, namespace: shop}
      spec:
        http:
        - route: [{destination: {host: %s, subset: %s}}]
      """;
  private static final String RATINGS = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: ratings, namespace: shop}
      spec:
        hosts: [ratings.shop.svc]
        location: MESH_INTERNAL
        resolution: STATIC
        ports: [{number: %d, name: http, protocol: HTTP}]
        endpoints: [{address: 10.0.1.1}]
      """;

  private final List<MeshObject> all = new ArrayList<>();
  private MeshCompiler compiler;

  private static List<MeshObject> objects(String yaml) throws Exception {
    List<MeshObject> out = new ArrayList<>();
    for (IstioObject o : IstioYaml.parse(yaml, "test.yaml", "shop")) {
      out.add(IstioAdapter.toModel(o, "yaml", "local"));
    }
    return out;
  }

  private CompileDelta upsert(String yaml) throws Exception {
    List<MeshObject> objects = objects(yaml);
    all.removeIf(o -> objects.stream().anyMatch(n -> n.key().equals(o.key())));
    all.addAll(objects);
    CompileDelta delta = compiler.upsertAll(objects);
    MeshCompiler fresh = new MeshCompiler();
    fresh.upsertAll(all);
    assertEquals(fresh.resources(), compiler.resources(), "incremental output differs from a fresh compile");
    return delta;
  }

  private static Set<ResourceKey> keys(CompileDelta delta) {
    Set<ResourceKey> out = new TreeSet<>();
    delta.upserts().forEach(r -> out.add(r.key()));
    return out;
  }

  private String sidecarRoutes() {
    return new String(compiler.resources().get(new ResourceKey("sidecar", XdsTypes.ROUTE, "9080")).bytes(),
        StandardCharsets.ISO_8859_1);
  }

  @BeforeEach
  void compileRootAndDelegate() throws Exception {
    compiler = new MeshCompiler();
    upsert(BASE + "---\n" + DELEGATE.formatted(HOST, "v2"));
  }

  @Test
  void editingOnlyTheDelegateRecompilesTheRootsRoutes() throws Exception {
    assertTrue(sidecarRoutes().contains("outbound|9080|v2|" + HOST));

    CompileDelta delta = upsert(DELEGATE.formatted(HOST, "v1"));

    assertEquals(Set.of(new ResourceKey("grpc", XdsTypes.ROUTE, HOST + ":9080"),
        new ResourceKey("sidecar", XdsTypes.ROUTE, "9080")), keys(delta));
    assertFalse(sidecarRoutes().contains("outbound|9080|v2|" + HOST));
  }

  @Test
  void deletingTheDelegateDropsTheDelegatingRoute() throws Exception {
    CompileDelta delta = compiler.delete("VirtualService/shop/reviews-api");

    assertEquals(Set.of(new ResourceKey("grpc", XdsTypes.ROUTE, HOST + ":9080"),
        new ResourceKey("sidecar", XdsTypes.ROUTE, "9080")), keys(delta));
    assertFalse(sidecarRoutes().contains("outbound|9080|v2|" + HOST));
  }

  @Test
  void aServiceTheDelegateRoutesToRecompilesTheRoot() throws Exception {
    upsert(RATINGS.formatted(7000) + "---\n" + DELEGATE.formatted("ratings.shop.svc", ""));
    assertTrue(sidecarRoutes().contains("outbound|7000||ratings.shop.svc"));

    // The destination names no port, so it follows the service's only port.
    CompileDelta delta = upsert(RATINGS.formatted(7001));

    assertTrue(keys(delta).contains(new ResourceKey("sidecar", XdsTypes.ROUTE, "9080")), keys(delta)::toString);
    assertTrue(sidecarRoutes().contains("outbound|7001||ratings.shop.svc"));
  }
}
