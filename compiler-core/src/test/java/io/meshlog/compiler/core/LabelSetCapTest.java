package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import io.meshlog.mesh.ClientVariants;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Over {@link ClientVariants#MAX_LABEL_SETS} label sets, the compiler drops, deterministically, the sourceLabels of
 * the VirtualServices (by key) that would pass the cap: their sourceLabels matches apply to no class, and no
 * class is made for their selectors (analyze reports them first, MLA0040). Nothing throws.
 */
class LabelSetCapTest {
  private static final String MESH = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: echo, namespace: demo}
      spec:
        hosts: [echo.demo.svc]
        location: MESH_INTERNAL
        resolution: STATIC
        ports: [{number: 8080, name: grpc, protocol: GRPC}]
        endpoints: [{address: 10.0.0.1}]
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: a, namespace: demo}
      spec:
        hosts: [echo.demo.svc]
        http:
        - match: [{sourceLabels: {k1: x}}, {sourceLabels: {k2: x}}, {sourceLabels: {k3: x}}, {sourceLabels: {k4: x}}]
          timeout: 1s
          route: [{destination: {host: echo.demo.svc}}]
        - match: [{sourceLabels: {k5: x}}]
          timeout: 2s
          route: [{destination: {host: echo.demo.svc}}]
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: b, namespace: demo}
      spec:
        hosts: [echo.demo.svc]
        http:
        - match: [{sourceLabels: {k6: x}}]
          timeout: 3s
          route: [{destination: {host: echo.demo.svc}}]
      """;

  @Test
  void theVirtualServicePassingTheCapHasItsSourceLabelsCompiledForNoClient() throws Exception {
    MeshCompiler compiler = compile();
    Set<String> classes = compiler.resources().keySet().stream().map(ResourceKey::proxyClass)
        .filter(c -> c.startsWith("grpc")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(32, classes.size(), "the shared class and its 31 label variants (five keys): " + classes);
    assertTrue(classes.stream().noneMatch(c -> c.contains("k6")), "b's selector makes no class");
    Struct record = Struct.parseFrom(compiler.resources().get(new ResourceKey(ProxyClasses.DIRECTORY,
        ProxyClasses.SCOPE_TYPE, ProxyClasses.VIEWS)).bytes());
    assertEquals(List.of("k1=x", "k2=x", "k3=x", "k4=x", "k5=x"), record.getFieldsOrThrow("selectors").getListValue()
        .getValuesList().stream().map(v -> v.getStringValue()).toList());
    assertEquals(List.of("VirtualService/demo/b"), record.getFieldsOrThrow("ignoredSourceLabels").getListValue()
        .getValuesList().stream().map(v -> v.getStringValue()).toList(), "the record names whom the cap dropped");
    // A client matching every selector gets a's five matches as routes, and not b's (its match applies to none).
    RouteConfiguration all = RouteConfiguration.parseFrom(compiler.resources().get(new ResourceKey(
        "grpc@*/*#k1=x;k2=x;k3=x;k4=x;k5=x", XdsTypes.ROUTE, "echo.demo.svc:8080")).bytes());
    assertEquals(5, all.getVirtualHosts(0).getRoutesCount());
    RouteConfiguration shared = RouteConfiguration.parseFrom(compiler.resources().get(new ResourceKey(
        "grpc", XdsTypes.ROUTE, "echo.demo.svc:8080")).bytes());
    assertEquals(0, shared.getVirtualHosts(0).getRoutesCount(), "no client condition holds for the shared class");
    assertEquals(compiler.resources(), compile().resources(), "the same mesh always drops the same one");
  }

  private static MeshCompiler compile() throws Exception {
    MeshCompiler compiler = new MeshCompiler();
    for (IstioObject o : IstioYaml.parse(MESH, "cap", "demo")) {
      compiler.upsert(IstioAdapter.toModel(o, "yaml", "local"));
    }
    return compiler;
  }
}
