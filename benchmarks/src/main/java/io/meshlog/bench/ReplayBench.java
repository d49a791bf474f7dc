package io.meshlog.bench;

import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Operation;
import io.meshlog.history.EventLog;
import io.meshlog.history.LogEvent;
import io.meshlog.history.MeshState;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.ValidationException;
import io.meshlog.schemas.Serdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilding the mesh at a point T (the end) from a log of N serialized events, the way a replay does: Avro
 * decode, Istio adapter, compile. The log is the mesh's services and probe, then changes until it holds N
 * events: the probe's route flipping and filler services' endpoints moving, round robin. Three ways: event by
 * event through the compiler (only for logs up to {@link #STEPWISE_LIMIT}: each event recompiles the per-port
 * aggregate, so a million would take hours), folded here to the latest event per object and compiled once,
 * and through the history module's own replay core ({@link MeshState#at} then {@link MeshState#compile}).
 */
final class ReplayBench {
  static final int STEPWISE_LIMIT = 20_000;

  private ReplayBench() {}

  /** Only the history module's replay runs under {@code profiler}: it is the path {@code meshlog replay} takes. */
  static Map<String, Object> run(int services, int changes, int logEvents, Profiler profiler) throws Exception {
    MeshGen.Probe probe = new MeshGen.Probe("replay");
    List<IstioObject> objects = new ArrayList<>(MeshGen.services(services));
    objects.addAll(probe.objects(50051, 50052));
    int total = Math.max(logEvents, objects.size() + changes);
    for (int i = 0; objects.size() < total; i++) {
      objects.add(i % 2 == 0 ? probe.routeTo(i % 4 == 0 ? "v2" : "v1")
          : MeshGen.service((i / 2) % services, 1 + (i / 2) / services));
    }
    List<byte[]> log = new ArrayList<>(objects.size());
    objects.forEach(o -> log.add(Serdes.CONFIG_EVENT.toBytes(EventWriter.event(o))));
    objects.clear();

    double stepSeconds = Double.NaN;
    MeshCompiler stepwise = null;
    long start = System.nanoTime();
    if (log.size() <= STEPWISE_LIMIT) {
      stepwise = new MeshCompiler();
      for (byte[] bytes : log) {
        stepwise.upsert(decode(bytes));
      }
      stepSeconds = (System.nanoTime() - start) / 1e9;
    }

    start = System.nanoTime();
    Map<String, MeshObject> latest = new LinkedHashMap<>();
    for (byte[] bytes : log) {
      MeshObject o = decode(bytes);
      latest.put(o.key(), o);
    }
    MeshCompiler folded = new MeshCompiler();
    folded.upsertAll(latest.values());
    double foldSeconds = (System.nanoTime() - start) / 1e9;
    if (stepwise != null && !folded.resources().equals(stepwise.resources())) {
      throw new IllegalStateException("the two replays disagree");
    }

    // Timed inside the section: writing the recording and its summary is not part of the replay.
    long[] historyNanos = new long[1];
    MeshState.Compiled replayed = profiler.section("replay-history-" + services, () -> {
      long historyStart = System.nanoTime();
      List<LogEvent> events = new ArrayList<>(log.size());
      for (int i = 0; i < log.size(); i++) {
        events.add(LogEvent.config(i, Instant.EPOCH, Serdes.CONFIG_EVENT.fromBytes(log.get(i))));
      }
      EventLog history = new EventLog(events);
      MeshState.Compiled compiled = MeshState.at(history, history.end()).compile();
      historyNanos[0] = System.nanoTime() - historyStart;
      return compiled;
    });
    double historySeconds = historyNanos[0] / 1e9;
    if (!replayed.resources().equals(folded.resources())) {
      throw new IllegalStateException("the history module's replay disagrees with the compiler");
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("services", services);
    out.put("events", log.size());
    out.put("objects", latest.size());
    out.put("event_by_event_seconds", Double.isNaN(stepSeconds) ? null : stepSeconds);
    out.put("event_by_event_events_per_s", Double.isNaN(stepSeconds) ? null : log.size() / stepSeconds);
    out.put("fold_then_compile_seconds", foldSeconds);
    out.put("fold_then_compile_events_per_s", log.size() / foldSeconds);
    out.put("history_replay_seconds", historySeconds);
    out.put("history_replay_events_per_s", log.size() / historySeconds);
    return out;
  }

  private static MeshObject decode(byte[] bytes) {
    ConfigEvent e = Serdes.CONFIG_EVENT.fromBytes(bytes);
    if (e.getOperation() != Operation.UPSERT) {
      throw new IllegalStateException("the benchmark log holds upserts only");
    }
    var id = e.getId();
    try {
      return IstioAdapter.toModel(new IstioObject(e.getApiVersion(), id.getKind(), id.getNamespace(), id.getName(),
          e.getLabels(), e.getSpec()), id.getRegistry(), id.getCluster());
    } catch (ValidationException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
