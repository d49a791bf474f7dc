package io.meshlog.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldAndDiffTest {
  private final EventLog log = Events.log();

  @Test
  void foldKeepsTheLatestVersionOfEveryObjectThatExistsAtThePoint() {
    MeshState at5 = MeshState.at(log, log.after(5));
    assertEquals(List.of("DestinationRule/demo/echo", "ServiceEntry/demo/echo", "VirtualService/demo/echo",
        "workload:api//demo/echo-v1", "workload:api//demo/echo-v2"), List.copyOf(at5.objects().keySet()));
    MeshState end = MeshState.at(log, log.end());
    assertFalse(end.objects().containsKey("VirtualService/demo/echo"));
    assertFalse(end.objects().containsKey("workload:api//demo/echo-v2"));
  }

  @Test
  void replayCompilesTheSameResourcesWhateverPathLedToTheState() {
    // 80/20 then 20/80 compiles like a log that only ever had 20/80.
    EventLog direct = new EventLog(List.of(log.events().get(0), log.events().get(1), log.events().get(2),
        log.events().get(3), Events.config(2, 4, "VirtualService", "echo", Events.vs(20, 80))));
    assertEquals(MeshState.at(direct, direct.end()).compile().resources(),
        MeshState.at(log, log.after(6)).compile().resources());
  }

  @Test
  void specDiffNamesEachChangedLeaf() {
    List<HistoryEntry> h = History.entries(log, HistoryQuery.builder().kind("virtualservice").build());
    assertEquals(List.of("CREATE", "UPDATE", "DELETE"), h.stream().map(HistoryEntry::operation).toList());
    assertEquals(List.of("spec.http[0].route[0].weight: 80 → 20", "spec.http[0].route[1].weight: 20 → 80"),
        h.get(1).changes().stream().map(FieldChange::toString).toList());
    assertEquals(new LogPoint(4, 2), h.get(1).after());
    assertEquals(6, h.get(1).number());
  }

  @Test
  void historyFiltersBySourceNamespaceAndTime() {
    assertEquals(3, History.entries(log, HistoryQuery.builder().kind("WorkloadEntry").build()).size());
    assertEquals(8, History.entries(log, HistoryQuery.builder().source("api").namespace("demo").build()).size());
    assertEquals(0, History.entries(log, HistoryQuery.builder().source("kubernetes").build()).size());
    assertEquals(2, History.entries(log, HistoryQuery.builder()
        .since(Events.T0.plusSeconds(4)).until(Events.T0.plusSeconds(5)).build()).size());
  }

  @Test
  void stateDiffNamesChangedObjectsAndResources() {
    MeshState a = MeshState.at(log, log.after(5));
    MeshState b = MeshState.at(log, log.after(6));
    List<StateDiff.ObjectChange> objects = StateDiff.objects(a, b);
    assertEquals(1, objects.size());
    assertEquals("VirtualService demo/echo", objects.get(0).object());
    List<StateDiff.ResourceChange> resources =
        StateDiff.resources(a.compile().ofClass("grpc"), b.compile().ofClass("grpc"));
    assertEquals(List.of(new StateDiff.ResourceChange("changed",
        new ResourceKey("grpc", XdsTypes.ROUTE, "echo.demo.svc:8080"))), resources);
  }

  @Test
  void configDumpIsEnvoyShapedJson() {
    String dump = ConfigDumps.json(MeshState.at(log, log.after(5)).compile().ofClass("grpc").values());
    assertTrue(dump.contains("\"@type\": \"type.googleapis.com/envoy.admin.v3.ClustersConfigDump\""), dump);
    assertTrue(dump.contains("\"dynamic_route_configs\""), dump);
    assertTrue(dump.contains("type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3"
        + ".HttpConnectionManager"), dump);
  }

  @Test
  void rollbackPlanRestoresConfigAndLeavesWorkloadsUnlessAsked() {
    MeshState target = MeshState.at(log, log.after(5));
    MeshState current = MeshState.at(log, log.end());
    List<RollbackPlan.Step> steps = RollbackPlan.plan(target, current, false, "me (meshlog rollback --to @5)",
        Events.T0.plusSeconds(100));
    assertEquals(List.of("restore VirtualService demo/echo"),
        steps.stream().map(s -> s.action() + " " + s.basedOn().displayName()).toList());
    List<RollbackPlan.Step> all = RollbackPlan.plan(target, current, true, "me", Events.T0.plusSeconds(100));
    assertEquals(List.of("restore WorkloadEntry demo/echo-v2", "restore VirtualService demo/echo"),
        all.stream().map(s -> s.action() + " " + s.basedOn().displayName()).toList());

    // Applying the plan to the log brings the state back to the target.
    List<LogEvent> applied = new java.util.ArrayList<>(log.events());
    long c = 5;
    long w = 3;
    for (RollbackPlan.Step s : all) {
      applied.add(s.stream() == EventStream.CONFIG
          ? LogEvent.config(c++, Events.T0.plusSeconds(100), (io.meshlog.events.ConfigEvent) s.event())
          : LogEvent.workload(w++, Events.T0.plusSeconds(100), (io.meshlog.events.WorkloadEvent) s.event()));
    }
    EventLog after = new EventLog(applied);
    assertEquals(List.of(), StateDiff.objects(target, MeshState.at(after, after.end())));
    assertEquals(target.compile().resources(), MeshState.at(after, after.end()).compile().resources());
    assertEquals("me", ((io.meshlog.events.ConfigEvent) all.get(1).event()).getOrigin().getAppliedBy());

    // Rolling forward deletes what did not exist at the target.
    List<RollbackPlan.Step> back = RollbackPlan.plan(MeshState.at(log, log.after(1)), target, false, "me",
        Events.T0.plusSeconds(100));
    assertEquals(List.of("delete VirtualService demo/echo", "delete DestinationRule demo/echo"),
        back.stream().map(s -> s.action() + " " + s.basedOn().displayName()).toList());
  }

  @Test
  void unknownProxyIsAnErrorNamingTheKnownOnes() {
    ProxyDirectory d = new ProxyDirectory(List.of(new ProxyDirectory.Node("n1", "grpc", "g", Events.T0)));
    assertEquals("grpc", d.proxyClass("n1"));
    assertEquals("sidecar", d.proxyClass("sidecar"));
    TimeTravelException e = org.junit.jupiter.api.Assertions.assertThrows(TimeTravelException.class,
        () -> d.proxyClass("n2"));
    assertTrue(e.getMessage().contains("unknown proxy \"n2\"") && e.getMessage().contains("known: n1"), e.getMessage());
  }

  @Test
  void scopedClassesReplayLikeAnyOther() {
    ProxyDirectory d = new ProxyDirectory(List.of(new ProxyDirectory.Node("n1", "grpc@demo/web", "g", Events.T0)));
    assertEquals("grpc@demo/web", d.proxyClass("n1"));
    assertEquals("sidecar@demo/web", d.proxyClass("sidecar@demo/web"));
    EventLog withSidecar = new EventLog(List.of(log.events().get(0), log.events().get(1),
        Events.config(1, 2, "Sidecar", "web", "{\"egress\":[{\"hosts\":[\"./*\"]}]}")));
    MeshState.Compiled compiled = MeshState.at(withSidecar, withSidecar.end()).compile();
    assertEquals(compiled.ofClass("grpc").keySet().stream().map(ResourceKey::name).toList(),
        compiled.ofClass("grpc@demo/web").keySet().stream().map(ResourceKey::name).toList(),
        "a Sidecar admitting its own namespace sees all of demo");
    assertTrue(compiled.skipped().isEmpty(), compiled.skipped().toString());
  }
}
