package io.meshlog.bench;

import io.meshlog.gateway.GatewayConfig;
import io.meshlog.gateway.XdsGateway;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One size (services × proxies), run on meshlog's whole pipeline and then on the baseline, side by side:
 * Streams compile throughput while loading the mesh, gateway cold start, resource-topic footprint, and the
 * propagation of {@code changes} VirtualService flips to a real gRPC client and to every proxy.
 */
final class MeshScenario {
  private static final Duration CONVERGE = Duration.ofSeconds(Integer.getInteger("bench.converge.seconds", 120));
  private static final int WARMUP_CHANGES = 20;
  private static final int STREAMS_PER_CHANNEL = 50;

  private MeshScenario() {}

  static Map<String, Object> run(Path dir, Backends backends, String name, int services, int proxies, int changes)
      throws Exception {
    MeshGen.Probe probe = new MeshGen.Probe(name);
    List<IstioObject> probeObjects = probe.objects(backends.v1Port(), backends.v2Port());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("services", services);
    out.put("proxies", proxies);
    out.put("changes", changes);
    Bench.log("scenario %s: %d services, %d proxies, %d changes", name, services, proxies, changes);
    try (Pipeline stack = new Pipeline(dir.resolve(name));
        ResourceTopic topic = new ResourceTopic(stack.bootstrapServers(), Topics.defaults())) {
      out.put("streams_compile", loadThroughStreams(stack, topic, services));
      new IngestHttp(stack.ingestUrl()).apply(probeObjects);
      out.put("gateway_cold_start_ms", coldStartMillis(stack));
      IngestHttp ingest = new IngestHttp(stack.ingestUrl());
      ChangeTimes times = propagate(stack.gateway().xdsAddress(), probe, proxies, changes,
          flip -> ingest.apply(List.of(flip)));
      out.put("meshlog", times.json());
      Map<String, Object> footprint = topic.footprint();
      footprint.put("compacted_bytes_per_service", (long) footprint.get("compacted_bytes") / (double) (services + 1));
      out.put("resource_topic", footprint);
    }
    List<MeshObject> mesh = new ArrayList<>();
    MeshGen.services(services).forEach(o -> mesh.add(MeshGen.model(o)));
    probeObjects.forEach(o -> mesh.add(MeshGen.model(o)));
    try (BaselineServer baseline = new BaselineServer(mesh)) {
      ChangeTimes times = propagate(baseline.address(), probe, proxies, changes,
          flip -> baseline.upsert(MeshGen.model(flip)));
      out.put("baseline", times.json());
    }
    return out;
  }

  /** Publishes the filler services straight to the event topic; events/s until the compiler has output for all. */
  private static Map<String, Object> loadThroughStreams(Pipeline stack, ResourceTopic topic, int services)
      throws Exception {
    long start = System.nanoTime();
    long last = EventWriter.publish(stack.bootstrapServers(), Topics.defaults(), MeshGen.services(services));
    topic.awaitCompiled(last, Duration.ofMinutes(10));
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events", services);
    m.put("seconds", seconds);
    m.put("events_per_s", services / seconds);
    return m;
  }

  /** A second gateway started against the loaded topic: catch-up until it serves and has published READY. */
  private static double coldStartMillis(Pipeline stack) {
    GatewayConfig config = GatewayConfig.builder(stack.bootstrapServers()).gatewayId("bench-cold-start").build();
    long start = System.nanoTime();
    try (XdsGateway gateway = XdsGateway.start(config)) {
      return (System.nanoTime() - start) / 1e6;
    }
  }

  interface Change {
    void apply(IstioObject virtualService) throws Exception;
  }

  /**
   * Flips the probe's route {@code changes} times (after a short warm-up) and times each flip from its
   * submission (meshlog: the apply request is sent; baseline: the change is handed to the in-process compile),
   * because both can deliver before their call returns: SimpleCache pushes inside setSnapshot, and ingest
   * answers only once its own view has read the event back. When the call returned is recorded too.
   */
  static ChangeTimes propagate(String xdsAddress, MeshGen.Probe probe, int proxies, int changes, Change change)
      throws Exception {
    ChangeTimes times = new ChangeTimes();
    ExecutorService changer = Executors.newSingleThreadExecutor();
    try (AdsFleet fleet = new AdsFleet(xdsAddress, probe, proxies, STREAMS_PER_CHANNEL);
        GrpcProbe grpc = new GrpcProbe(xdsAddress, probe.target())) {
      grpc.awaitServer("v1", CONVERGE);
      fleet.awaitSubset("v1", CONVERGE);
      for (int i = -WARMUP_CHANGES; i < changes; i++) {
        String subset = Math.floorMod(i + WARMUP_CHANGES, 2) == 0 ? "v2" : "v1";
        long start = System.nanoTime();
        // The change is made on another thread so the client starts looking at once: meshlog often delivers
        // before ingest's apply call returns, and SimpleCache pushes inside setSnapshot.
        Future<Long> accepted = changer.submit(() -> {
          change.apply(probe.routeTo(subset));
          return System.nanoTime();
        });
        long routed;
        long[] received;
        try {
          routed = grpc.awaitServer(subset, CONVERGE);
          received = fleet.awaitSubset(subset, CONVERGE);
        } catch (IllegalStateException e) {
          throw new IllegalStateException("change " + i + " (to " + subset + ") did not arrive: " + e.getMessage(), e);
        }
        long acceptedAt = accepted.get();
        if (i >= 0) {
          times.add(start, acceptedAt, routed, received);
        }
      }
    } finally {
      changer.shutdownNow();
    }
    return times;
  }

}
