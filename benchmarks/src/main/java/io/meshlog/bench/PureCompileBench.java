package io.meshlog.bench;

import io.meshlog.compiler.core.MeshChange;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.mesh.MeshObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure compile core alone: events/s while a mesh of N services is built one event at a time, and in
 * batches of {@link #BATCH} as the Streams compiler compiles a backlog, and the cost of one change (the probe's
 * VirtualService flipping subsets) once the mesh holds N services. Objects are converted to the model
 * beforehand, so this times the compiler, not the Istio adapter.
 */
final class PureCompileBench {
  /** The Streams compiler's largest batch (CompileProcessor.MAX_BATCH). */
  static final int BATCH = 2_000;

  private PureCompileBench() {}

  static Map<String, Object> run(int services, int changes) {
    MeshGen.Probe probe = new MeshGen.Probe("probe");
    List<MeshObject> load = MeshGen.services(services).stream().map(MeshGen::model).toList();
    List<MeshObject> probeObjects = probe.objects(50051, 50052).stream().map(MeshGen::model).toList();
    MeshObject[] flips = {MeshGen.model(probe.routeTo("v2")), MeshGen.model(probe.routeTo("v1"))};

    MeshCompiler compiler = new MeshCompiler();
    long start = System.nanoTime();
    for (MeshObject o : load) {
      compiler.upsert(o);
    }
    long loadNanos = System.nanoTime() - start;
    probeObjects.forEach(compiler::upsert);

    MeshCompiler batched = new MeshCompiler();
    start = System.nanoTime();
    for (int from = 0; from < load.size(); from += BATCH) {
      batched.applyAll(load.subList(from, Math.min(load.size(), from + BATCH)).stream()
          .<MeshChange>map(MeshChange.Upsert::new).toList());
    }
    long batchedNanos = System.nanoTime() - start;
    probeObjects.forEach(batched::upsert);
    if (!batched.resources().equals(compiler.resources())) {
      throw new IllegalStateException("batched and one-at-a-time compiles disagree");
    }

    int warmup = Math.min(changes, 20);
    long[] perChange = new long[changes];
    long bytesOut = 0;
    for (int i = -warmup; i < changes; i++) {
      long t0 = System.nanoTime();
      var delta = compiler.upsert(flips[(i + warmup) % 2]);
      long took = System.nanoTime() - t0;
      if (i >= 0) {
        perChange[i] = took;
        for (var r : delta.upserts()) {
          bytesOut += r.bytes().length;
        }
      }
    }
    Stats change = Stats.ofNanos(perChange);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("services", services);
    out.put("load_events", services);
    out.put("load_seconds", loadNanos / 1e9);
    out.put("load_events_per_s", services / (loadNanos / 1e9));
    out.put("load_batch", BATCH);
    out.put("load_batched_seconds", batchedNanos / 1e9);
    out.put("load_batched_events_per_s", services / (batchedNanos / 1e9));
    out.put("change", change.json());
    out.put("changes_per_s", 1000.0 / change.mean());
    out.put("bytes_out_per_change", changes == 0 ? 0 : bytesOut / changes);
    out.put("resources", compiler.resources().size());
    return out;
  }

}
