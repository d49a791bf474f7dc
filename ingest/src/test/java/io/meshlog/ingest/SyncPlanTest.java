package io.meshlog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Operation;
import io.meshlog.events.Workload;
import io.meshlog.events.WorkloadEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The diff between what a registry holds and what the log says: exactly the changes, and nothing twice. */
class SyncPlanTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static SourceConfig service(String name, String spec) {
    return new SourceConfig("v1", "Service", "demo", name, Map.of(), spec, "kubernetes/a", "1");
  }

  static SourceWorkload pod(String name, String address) {
    return new SourceWorkload("v1", "Pod", "demo", name, Workload.newBuilder().setAddress(address).build(), "kubernetes/a");
  }

  /** Applies a plan's events to a "log", as the view would. */
  static void apply(SyncPlan.Plan plan, List<ConfigEvent> configs, List<WorkloadEvent> workloads) {
    for (var c : plan.configs()) {
      configs.removeIf(e -> e.getId().equals(c.event().getId()));
      if (c.event().getOperation() == Operation.UPSERT) {
        configs.add(c.event());
      }
    }
    for (var w : plan.workloads()) {
      workloads.removeIf(e -> e.getId().equals(w.event().getId()));
      if (w.event().getOperation() == Operation.UPSERT) {
        workloads.add(w.event());
      }
    }
  }

  @Test
  void publishesNewChangedAndVanishedObjectsOnceAndThenNothing() {
    List<ConfigEvent> configs = new ArrayList<>();
    List<WorkloadEvent> workloads = new ArrayList<>();
    SourceSnapshot first = SourceSnapshot.of(List.of(service("echo", "{\"a\":1}")),
        List.of(pod("echo-1", "10.0.0.1"), pod("echo-2", "10.0.0.2")), List.of());
    SyncPlan.Plan p1 = SyncPlan.diff("kubernetes", "a", configs, workloads, first, T);
    assertEquals(1, p1.configs().size());
    assertEquals(2, p1.workloads().size());
    assertEquals("Service/a/demo/echo", p1.configs().get(0).key());
    apply(p1, configs, workloads);

    assertTrue(SyncPlan.diff("kubernetes", "a", configs, workloads, first, T).isEmpty(), "a resync publishes nothing");

    SourceSnapshot second = SourceSnapshot.of(List.of(service("echo", "{\"a\":2}")),
        List.of(pod("echo-2", "10.0.0.2")), List.of());
    SyncPlan.Plan p2 = SyncPlan.diff("kubernetes", "a", configs, workloads, second, T);
    assertEquals(List.of(Operation.UPSERT), p2.configs().stream().map(c -> c.event().getOperation()).toList());
    assertEquals(List.of("kubernetes/a/demo/echo-1"), p2.workloads().stream().map(SyncPlan.Keyed::key).toList());
    assertEquals(Operation.DELETE, p2.workloads().get(0).event().getOperation());
    apply(p2, configs, workloads);
    assertTrue(SyncPlan.diff("kubernetes", "a", configs, workloads, second, T).isEmpty());
  }

  @Test
  void aRejectedObjectOrAHeldOriginKeepsItsLastAcceptedState() {
    List<ConfigEvent> configs = new ArrayList<>();
    List<WorkloadEvent> workloads = new ArrayList<>();
    apply(SyncPlan.diff("kubernetes", "a", configs, workloads,
        SourceSnapshot.of(List.of(service("echo", "{}"), service("web", "{}")), List.of(), List.of()), T),
        configs, workloads);
    SourceSnapshot broken = new SourceSnapshot(List.of(), List.of(),
        List.of(new Rejection("Service", "demo", "echo", "bad port", "kubernetes/a")), Set.of());
    SyncPlan.Plan plan = SyncPlan.diff("kubernetes", "a", configs, workloads, broken, T);
    assertEquals(List.of("Service/a/demo/web"), plan.configs().stream().map(SyncPlan.Keyed::key).toList(),
        "only the object that vanished is deleted; the rejected one stays");
    SourceSnapshot held = new SourceSnapshot(List.of(), List.of(), List.of(), Set.of("kubernetes/a"));
    assertTrue(SyncPlan.diff("kubernetes", "a", configs, workloads, held, T).isEmpty());
  }
}
