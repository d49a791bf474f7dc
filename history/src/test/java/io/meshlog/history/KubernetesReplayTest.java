package io.meshlog.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import io.meshlog.mesh.kubernetes.KubernetesAdapter;
import io.meshlog.mesh.kubernetes.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replay decodes a Kubernetes Service from a registry the way the compiler does, not as an Istio object. */
class KubernetesReplayTest {
  @Test
  void replaysAServiceFromAKubernetesCluster() {
    String spec = KubernetesAdapter.toJson(new ServiceSpec("10.96.0.10",
        List.of(new ServiceSpec.Port("grpc", 8080, 50051, "TCP", "")), Map.of("app", "echo")));
    ConfigEvent service = ConfigEvent.newBuilder()
        .setId(new ObjectId("kubernetes", "cluster-a", KubernetesAdapter.KIND, "demo", "echo"))
        .setOperation(Operation.UPSERT)
        .setApiVersion(KubernetesAdapter.API_VERSION)
        .setLabels(Map.of())
        .setSpec(spec)
        .setOrigin(new Origin("kubernetes informer", Events.T0, "42"))
        .build();
    EventLog log = new EventLog(List.of(LogEvent.config(0, Events.T0, service), Events.workload(0, 1, "echo-1", 50051, "v1")));

    var grpc = MeshState.at(log, log.end()).compile().ofClass("grpc");
    assertTrue(grpc.keySet().stream().anyMatch(k -> k.name().equals("echo.demo.svc.cluster.local:8080")), grpc.keySet().toString());
  }
}
