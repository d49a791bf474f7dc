package io.meshlog.history;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import io.meshlog.events.Workload;
import io.meshlog.events.WorkloadEvent;
import java.time.Instant;
import java.util.Map;

/** Synthetic events for the pure tests: a service, a rule, a route and a workload, at fixed times. */
final class Events {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private Events() {}

  static LogEvent config(long offset, int second, String kind, String name, String spec) {
    ConfigEvent e = ConfigEvent.newBuilder()
        .setId(new ObjectId("api", "", kind, "demo", name))
        .setOperation(spec == null ? Operation.DELETE : Operation.UPSERT)
        .setApiVersion("networking.istio.io/v1")
        .setLabels(Map.of())
        .setSpec(spec)
        .setSpecHash(spec == null ? null : Integer.toHexString(spec.hashCode()))
        .setOrigin(new Origin("alice@laptop (meshlog apply)", T0.plusSeconds(second), null))
        .build();
    return LogEvent.config(offset, T0.plusSeconds(second), e);
  }

  static LogEvent workload(long offset, int second, String name, int port, String version) {
    WorkloadEvent e = WorkloadEvent.newBuilder()
        .setId(new ObjectId("api", "", "WorkloadEntry", "demo", name))
        .setOperation(port == 0 ? Operation.DELETE : Operation.UPSERT)
        .setWorkload(port == 0 ? null : Workload.newBuilder().setAddress("10.0.0." + (offset + 1))
            .setPorts(Map.of("grpc", port)).setLabels(Map.of("app", "echo", "version", version)).build())
        .setOrigin(new Origin("bob@ci (meshlog apply)", T0.plusSeconds(second), null))
        .build();
    return LogEvent.workload(offset, T0.plusSeconds(second), e);
  }

  static final String SE = "{\"hosts\":[\"echo.demo.svc\"],\"location\":\"MESH_INTERNAL\",\"ports\":[{\"name\":\"grpc\","
      + "\"number\":8080,\"protocol\":\"GRPC\"}],\"resolution\":\"STATIC\",\"workloadSelector\":{\"labels\":{\"app\":\"echo\"}}}";
  static final String DR = "{\"host\":\"echo.demo.svc\",\"subsets\":[{\"labels\":{\"version\":\"v1\"},\"name\":\"v1\"},"
      + "{\"labels\":{\"version\":\"v2\"},\"name\":\"v2\"}]}";

  static String vs(int w1, int w2) {
    return "{\"hosts\":[\"echo.demo.svc\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\"echo.demo.svc\","
        + "\"port\":{\"number\":8080},\"subset\":\"v1\"},\"weight\":" + w1 + "},{\"destination\":{\"host\":"
        + "\"echo.demo.svc\",\"port\":{\"number\":8080},\"subset\":\"v2\"},\"weight\":" + w2 + "}]}]}";
  }

  /** SE, two workloads, DR, VS 80/20, VS 20/80, workload v2 removed, VS deleted. */
  static EventLog log() {
    return new EventLog(java.util.List.of(
        config(0, 0, "ServiceEntry", "echo", SE),
        workload(0, 1, "echo-v1", 50051, "v1"),
        workload(1, 2, "echo-v2", 50052, "v2"),
        config(1, 3, "DestinationRule", "echo", DR),
        config(2, 4, "VirtualService", "echo", vs(80, 20)),
        config(3, 5, "VirtualService", "echo", vs(20, 80)),
        workload(2, 6, "echo-v2", 0, null),
        config(4, 7, "VirtualService", "echo", null)));
  }
}
