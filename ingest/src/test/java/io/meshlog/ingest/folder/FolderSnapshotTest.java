package io.meshlog.ingest.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.ingest.SourceConfig;
import io.meshlog.ingest.SourceSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FolderSnapshotTest {
  static final String SE = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: echo}
      spec:
        hosts: [echo.demo.svc]
        resolution: STATIC
        ports: [{number: 8080, name: grpc, protocol: GRPC}]
        workloadSelector: {labels: {app: echo}}
      """;
  static final String WE = """
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: echo-1, namespace: demo}
      spec: {address: 10.0.0.1, ports: {grpc: 50051}, labels: {app: echo}}
      """;

  @Test
  void filesBecomeObjectsStampedWithTheirFile() {
    SourceSnapshot s = FolderSnapshot.build(Map.of("se.yaml", SE, "sub/we.yaml", WE), "demo");
    SourceConfig se = s.configs().get(0);
    assertEquals(List.of("ServiceEntry", "demo", "echo", "file:se.yaml"),
        List.of(se.kind(), se.namespace(), se.name(), se.appliedBy()));
    assertEquals("10.0.0.1", s.workloads().get(0).workload().getAddress());
    assertEquals("file:sub/we.yaml", s.workloads().get(0).appliedBy());
    assertTrue(s.rejections().isEmpty());
  }

  @Test
  void aBrokenFileIsRejectedAndItsObjectsHeld() {
    SourceSnapshot s = FolderSnapshot.build(Map.of("se.yaml", SE.replace("8080", "80800"), "we.yaml", WE), "demo");
    assertEquals(List.of(), s.configs());
    assertEquals(1, s.workloads().size(), "other files are not blocked");
    assertEquals("se.yaml", s.rejections().get(0).name());
    assertTrue(s.rejections().get(0).reason().contains("spec.ports[0]"), s.rejections().get(0).reason());
    assertEquals(Set.of("file:se.yaml"), s.heldOrigins());
  }

  @Test
  void anObjectInTwoFilesIsTakenFromTheFirst() {
    SourceSnapshot s = FolderSnapshot.build(Map.of("a.yaml", SE, "b.yaml", SE), "demo");
    assertEquals(1, s.configs().size());
    assertEquals("file:a.yaml", s.configs().get(0).appliedBy());
    assertEquals("b.yaml", s.rejections().get(0).name());
  }
}
