package io.meshlog.bench;

import io.meshlog.events.GatewayState;
import io.meshlog.events.GatewayStatus;
import io.meshlog.kafka.EmbeddedKafka;
import io.meshlog.mesh.MeshObject;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One gateway in its own JVM ({@link GatewayProcess}) against an embedded broker whose resource topic is filled
 * by the pure compile core ({@link CompiledWriter}). (1) Streams: N state-of-the-world ADS streams opened from this
 * JVM in steps; the gateway's heap after a full GC with N streams minus with none, over N; then one route change
 * written to the topic, timed until every stream has it. (2) Cold start: a fresh gateway JVM against a topic
 * holding S services, timed from process start to /ready 200, and from its CATCHING_UP to its READY status record.
 */
final class GatewayProcessBench {
  private static final Duration CONVERGE = Duration.ofSeconds(Integer.getInteger("bench.converge.seconds", 180));
  static final int STREAMS_PER_CHANNEL = 100;

  private GatewayProcessBench() {}

  static Map<String, Object> run(Path dir, int services, List<Integer> streamSteps, int stormStreams,
      List<Integer> coldStartServices) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gateway_jvm", Map.of("xmx", GatewayProcess.XMX, "gc", GatewayProcess.GC,
        "streams_per_channel", STREAMS_PER_CHANNEL));
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      // All topics first: a produce right after its topic's creation was once seen to hang until it expired.
      kafka.createTopics(Topics.withPrefix("bench-streams.").specs());
      coldStartServices.forEach(s -> kafka.createTopics(Topics.withPrefix("bench-cold-" + s + ".").specs()));
      if (!streamSteps.isEmpty()) {
        int storm = stormStreams == 0 ? streamSteps.get(streamSteps.size() - 1) : Math.max(0, stormStreams);
        out.put("streams", streams(dir, kafka, services, streamSteps, storm));
      }
      List<Object> cold = new ArrayList<>();
      for (int s : coldStartServices) {
        cold.add(coldStart(dir, kafka, s));
      }
      out.put("cold_start", cold);
    }
    return out;
  }

  private static Map<String, Object> streams(Path dir, EmbeddedKafka kafka, int services, List<Integer> steps,
      int storm) throws Exception {
    String prefix = "bench-streams.";
    Topics topics = Topics.withPrefix(prefix);
    MeshGen.Probe probe = new MeshGen.Probe("fanout");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("services", services);
    out.put("subscription", "LDS, RDS, CDS, EDS for the probe's listener, route and 2 clusters");
    Bench.log("gateway JVM: %d services, streams %s", services, steps);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<AdsFleet> fleets = new ArrayList<>();
    try (CompiledWriter writer = new CompiledWriter(kafka.bootstrapServers(), topics);
        GatewayProcess gw = new GatewayProcess(dir.resolve("gateway-jvm"), kafka.bootstrapServers(), prefix, "bench")) {
      writer.upsertAll(mesh(services, probe));
      gw.awaitReady(Duration.ofMinutes(5));
      long base = gw.heapAfterGc();
      out.put("heap_after_gc_no_streams_bytes", base);
      out.put("threads_no_streams", gw.metricSum("jvm_threads_live_threads", ""));
      int open = 0;
      String subset = "v1";
      try {
        for (int target : steps) {
          Bench.log("  opening %d streams (to %d)", target - open, target);
          long t0 = System.nanoTime();
          AdsFleet fleet = new AdsFleet(gw.xdsAddress(), probe, target - open, STREAMS_PER_CHANNEL);
          fleets.add(fleet);
          fleet.awaitSubset(subset, CONVERGE);
          double openSeconds = (System.nanoTime() - t0) / 1e9;
          open = target;
          long heap = gw.heapAfterGc();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("streams", open);
          row.put("gateway_open_streams", gw.metricSum("meshlog_xds_connected_streams", ""));
          row.put("open_and_first_response_s", openSeconds);
          row.put("heap_after_gc_bytes", heap);
          row.put("heap_bytes_per_stream", (heap - base) / (double) open);
          row.put("threads", gw.metricSum("jvm_threads_live_threads", ""));
          subset = subset.equals("v1") ? "v2" : "v1";
          long written = System.nanoTime();
          writer.upsert(MeshGen.model(probe.routeTo(subset)));
          long first = Long.MAX_VALUE;
          long last = 0;
          for (AdsFleet f : fleets) {
            for (long t : f.awaitSubset(subset, CONVERGE)) {
              first = Math.min(first, t);
              last = Math.max(last, t);
            }
          }
          row.put("write_to_last_stream_ms", (last - written) / 1e6);
          row.put("fan_out_first_to_last_ms", (last - first) / 1e6);
          rows.add(row);
          Bench.log("  %d streams: %.0f B/stream after GC, write → last stream %.1f ms", open,
              (heap - base) / (double) open, (last - written) / 1e6);
        }
        if (storm > 0) {
          out.put("storm", storm(gw, probe, open, storm, subset, fleets));
        }
      } catch (Exception | OutOfMemoryError e) {
        // Report how far it got: the machine (or the gateway's heap) may not hold the next step.
        out.put("stopped", "after " + open + " streams: " + e + (gw.alive() ? "" : " (gateway exited, see "
            + gw.log() + ")"));
        Bench.log("  stopped: %s", out.get("stopped"));
      } finally {
        fleets.forEach(AdsFleet::close);
      }
    }
    out.put("steps", rows);
    return out;
  }

  /** {@code count} streams opened at once while {@code open} stay open; until all have their config. */
  private static Map<String, Object> storm(GatewayProcess gw, MeshGen.Probe probe, int open, int count,
      String subset, List<AdsFleet> fleets) throws Exception {
    Bench.log("  reconnect storm: %d streams at once on top of %d", count, open);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("streams_already_open", open);
    row.put("storm_streams", count);
    try (ThreadPeak threads = new ThreadPeak(gw)) {
      long t0 = System.nanoTime();
      AdsFleet fleet = new AdsFleet(gw.xdsAddress(), probe, count, STREAMS_PER_CHANNEL);
      fleets.add(fleet);
      long last = 0;
      for (long t : fleet.awaitConfig(subset, CONVERGE)) {
        last = Math.max(last, t);
      }
      row.put("all_have_config_ms", (last - t0) / 1e6);
      row.put("threads_peak", threads.peak());
    }
    row.put("threads_after", gw.metricSum("jvm_threads_live_threads", ""));
    row.put("gateway_open_streams", gw.metricSum("meshlog_xds_connected_streams", ""));
    Bench.log("  storm: %s", row);
    return row;
  }

  private static Map<String, Object> coldStart(Path dir, EmbeddedKafka kafka, int services) throws Exception {
    String prefix = "bench-cold-" + services + ".";
    Topics topics = Topics.withPrefix(prefix);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("services", services);
    Bench.log("gateway JVM cold start: %d services", services);
    long t0 = System.nanoTime();
    try (CompiledWriter writer = new CompiledWriter(kafka.bootstrapServers(), topics)) {
      out.put("records", writer.upsertAll(mesh(services, new MeshGen.Probe("cold"))));
    }
    out.put("compile_and_write_s", (System.nanoTime() - t0) / 1e9);
    List<Map<String, Object>> runs = new ArrayList<>();
    // Two starts at real sizes, to see the spread; one for tiny meshes (the smoke test).
    for (int i = 0; i < (services >= 1000 ? 2 : 1); i++) {
      String id = "cold-" + services + "-" + i;
      Map<String, Object> run = new LinkedHashMap<>();
      try (GatewayProcess gw = new GatewayProcess(dir.resolve("gateway-jvm"), kafka.bootstrapServers(), prefix, id)) {
        run.put("process_start_to_ready_ms", gw.awaitReady(Duration.ofMinutes(5)));
        run.put("catching_up_to_ready_ms", catchingUpToReadyMillis(kafka.bootstrapServers(), topics, id));
        if (i == 0) {
          run.put("heap_after_gc_bytes", gw.heapAfterGc());
        }
      }
      Bench.log("  %s", run);
      runs.add(run);
    }
    out.put("runs", runs);
    return out;
  }

  /** From the gateway's CATCHING_UP status record (published as start() begins) to its READY record. */
  private static double catchingUpToReadyMillis(String bootstrapServers, Topics topics, String id) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
        "group.id", "bench-" + UUID.randomUUID(), "enable.auto.commit", false),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topics.gatewayStatus(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long catching = -1;
      long ready = -1;
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (!id.equals(r.key()) || r.value() == null) {
            continue;
          }
          GatewayStatus s = Serdes.GATEWAY_STATUS.fromBytes(r.value());
          if (s.getState() == GatewayState.CATCHING_UP && catching < 0) {
            catching = s.getTime().toEpochMilli();
          } else if (s.getState() == GatewayState.READY && ready < 0) {
            ready = s.getTime().toEpochMilli();
          }
        }
      }
      return catching < 0 || ready < 0 ? Double.NaN : ready - catching;
    }
  }

  private static List<MeshObject> mesh(int services, MeshGen.Probe probe) {
    List<MeshObject> mesh = new ArrayList<>();
    MeshGen.services(services).forEach(o -> mesh.add(MeshGen.model(o)));
    // The probe's workloads are never dialled here: any ports do.
    probe.objects(50051, 50052).forEach(o -> mesh.add(MeshGen.model(o)));
    return mesh;
  }
}
