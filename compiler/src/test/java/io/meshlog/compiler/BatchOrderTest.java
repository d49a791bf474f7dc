package io.meshlog.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshlog.compiler.core.CompileDelta;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioYaml;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A Sidecar's directory record follows its classes' batches when it appears and precedes them when it goes. */
class BatchOrderTest {
  private static MeshObject one(String yaml) throws Exception {
    return IstioAdapter.toModel(IstioYaml.parse(yaml, "test", "default").get(0), "yaml", "local");
  }

  private static List<String> classOrder(CompileDelta delta) {
    LinkedHashSet<String> order = new LinkedHashSet<>();
    for (Record<String, byte[]> r : BatchWriter.records(delta, "b", Map.of(), Instant.EPOCH)) {
      order.add(r.key().substring(0, r.key().indexOf('|')));
    }
    return List.copyOf(order);
  }

  @Test
  void directoryAfterTheScopeOnCreateAndBeforeItOnDelete() throws Exception {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsert(one("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: shop}
        spec:
          hosts: [api.shop.svc]
          resolution: STATIC
          ports: [{number: 8080, name: grpc, protocol: GRPC}]
          endpoints: [{address: 10.0.0.1}]
        """));
    CompileDelta created = compiler.upsert(one("""
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: web, namespace: shop}
        spec:
          egress: [{hosts: ["./*"]}]
        """));
    assertEquals(List.of("grpc@shop/web", "sidecar@shop/web", "directory"), classOrder(created));
    CompileDelta deleted = compiler.delete("Sidecar/shop/web");
    assertEquals(List.of("directory", "grpc@shop/web", "sidecar@shop/web"), classOrder(deleted));
  }
}
