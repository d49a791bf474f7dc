package io.meshlog.bench;

import io.meshlog.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many ADS streams one gateway holds, heap per stream, and the time to fan one change out to all of them.
 * The proxies run in this JVM, so heap per stream includes their client-side state too: an upper bound.
 */
final class GatewayBench {
  private static final Duration CONVERGE = Duration.ofSeconds(180);

  private GatewayBench() {}

  static Map<String, Object> run(Path dir, Backends backends, int services, int maxStreams) throws Exception {
    MeshGen.Probe probe = new MeshGen.Probe("fanout");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("services", services);
    Bench.log("gateway: %d services, up to %d streams", services, maxStreams);
    try (Pipeline stack = new Pipeline(dir.resolve("gateway"));
        ResourceTopic topic = new ResourceTopic(stack.bootstrapServers(), Topics.defaults())) {
      topic.awaitCompiled(EventWriter.publish(stack.bootstrapServers(), Topics.defaults(), MeshGen.services(services)),
          Duration.ofMinutes(10));
      IngestHttp ingest = new IngestHttp(stack.ingestUrl());
      ingest.apply(probe.objects(backends.v1Port(), backends.v2Port()));
      long heapBefore = heapAfterGc();
      List<AdsFleet> fleets = new ArrayList<>();
      List<Map<String, Object>> steps = new ArrayList<>();
      int open = 0;
      String subset = "v1";
      try {
        for (int target : steps(maxStreams)) {
          AdsFleet fleet = new AdsFleet(stack.gateway().xdsAddress(), probe, target - open, 100);
          fleets.add(fleet);
          fleet.awaitSubset(subset, CONVERGE);
          open = target;
          long heap = heapAfterGc();
          subset = subset.equals("v1") ? "v2" : "v1";
          ingest.apply(List.of(probe.routeTo(subset)));
          long accepted = System.nanoTime();
          long first = Long.MAX_VALUE;
          long last = 0;
          for (AdsFleet f : fleets) {
            for (long t : f.awaitSubset(subset, CONVERGE)) {
              first = Math.min(first, t);
              last = Math.max(last, t);
            }
          }
          Map<String, Object> step = new LinkedHashMap<>();
          step.put("streams", open);
          step.put("gateway_open_streams", stack.gateway().connectedStreams());
          step.put("heap_bytes_per_stream", (heap - heapBefore) / (double) open);
          step.put("fan_out_first_to_last_ms", (last - first) / 1e6);
          step.put("accepted_to_last_ms", (last - accepted) / 1e6);
          steps.add(step);
          Bench.log("  %d streams: %.0f B/stream, fan-out %.1f ms", open, (heap - heapBefore) / (double) open,
              (last - first) / 1e6);
        }
      } finally {
        fleets.forEach(AdsFleet::close);
      }
      out.put("steps", steps);
    }
    return out;
  }

  private static List<Integer> steps(int max) {
    List<Integer> out = new ArrayList<>();
    for (int s : new int[] {max / 4, max / 2, max}) {
      if (s > 0 && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  static long heapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
