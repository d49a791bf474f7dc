package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.VirtualService;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.Workload;
import io.meshlog.schemas.XdsTypes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A change touches only the resources that depend on it. */
class DeltaTest {
  private static final String HOST = "echo.demo.svc";
  private MeshCompiler compiler;
  private List<MeshObject> demo;

  @BeforeEach
  void compileDemo() throws IOException {
    demo = GoldenCases.objects("demo");
    compiler = new MeshCompiler();
    compiler.upsertAll(demo);
  }

  @Test
  void changingWeightsChangesOnlyRoutes() {
    VirtualService vs = (VirtualService) demo.stream().filter(o -> o instanceof VirtualService).findFirst().orElseThrow();
    VirtualService fiftyFifty = new VirtualService(vs.ref(), vs.hosts(), vs.gateways(), List.of(new HttpRoute("split",
        List.of(), List.of(new RouteDestination(HOST, "v1", 0, 50), new RouteDestination(HOST, "v2", 0, 50)))),
        vs.exportTo());

    CompileDelta delta = compiler.upsert(fiftyFifty);

    assertEquals(Set.of(
            new ResourceKey("grpc", XdsTypes.ROUTE, HOST + ":8080"),
            new ResourceKey("sidecar", XdsTypes.ROUTE, "8080")),
        keys(delta));
    assertTrue(delta.removals().isEmpty());
  }

  @Test
  void addingWorkloadChangesOnlyEndpoints() {
    Workload another = new Workload(new ObjectRef("Workload", "demo", "echo-v1b"), "test", "local",
        new Endpoint("127.0.0.1", Map.of("grpc", 50053), Map.of("app", "echo", "version", "v1"), "", "", 0, "", true));

    CompileDelta delta = compiler.upsert(another);

    Set<ResourceKey> expected = new TreeSet<>();
    for (String proxyClass : List.of("grpc", "sidecar")) {
      expected.add(new ResourceKey(proxyClass, XdsTypes.ENDPOINT, "outbound|8080||" + HOST));
      expected.add(new ResourceKey(proxyClass, XdsTypes.ENDPOINT, "outbound|8080|v1|" + HOST));
    }
    assertEquals(expected, keys(delta));
    assertTrue(delta.removals().isEmpty());
  }

  @Test
  void sameObjectAgainIsNoChange() {
    for (MeshObject o : demo) {
      assertTrue(compiler.upsert(o).isEmpty(), o.key());
    }
  }

  @Test
  void deletingEverythingRemovesEverything() {
    Set<ResourceKey> removed = new TreeSet<>();
    for (MeshObject o : demo) {
      removed.addAll(compiler.delete(o.key()).removals());
    }
    assertTrue(compiler.resources().isEmpty());
    assertTrue(removed.size() >= 12, "removed " + removed);
    assertTrue(compiler.delete("Service/demo/missing").isEmpty());
  }

  private static Set<ResourceKey> keys(CompileDelta delta) {
    Set<ResourceKey> keys = new TreeSet<>();
    delta.upserts().forEach(r -> keys.add(r.key()));
    return keys;
  }
}
