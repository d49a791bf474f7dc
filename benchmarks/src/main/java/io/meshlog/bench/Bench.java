package io.meshlog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark harness: runs every benchmark at the sizes given by flags, writes the results as JSON and a
 * Markdown report next to it (and into {@code --doc} between its results markers). Goals are reported, never
 * asserted.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path json = run(options);
    System.out.println("results: " + json.toAbsolutePath());
    System.exit(0); // Kafka and gRPC leave non-daemon threads behind
  }

  /** Runs everything; returns the JSON file written. */
  static Path run(BenchOptions o) throws Exception {
    // Avro refuses generated classes outside trusted packages.
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.meshlog");
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("date", Instant.now().toString());
    results.put("machine", Machine.describe());
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("only", o.only());
    options.put("services", o.services());
    options.put("proxies", o.proxies());
    options.put("changes", o.changes());
    options.put("compile_services", o.compileServices());
    options.put("streams", o.streams());
    options.put("gateway_streams", o.gatewayStreams());
    options.put("storm_streams", o.stormStreams());
    options.put("cold_start_services", o.coldStartServices());
    options.put("replay_events", o.replayEvents());
    results.put("options", options);
    Profiler profiler = new Profiler(o.profile());
    Path data = o.dataDir() != null ? o.dataDir() : Files.createTempDirectory("meshlog-bench");
    try {
      List<Object> pure = new ArrayList<>();
      List<Object> replay = new ArrayList<>();
      for (int s : o.compileServices()) {
        if (o.runs("pure")) {
          log("pure compile: %d services", s);
          pure.add(profiler.section("pure-" + s, () -> PureCompileBench.run(s, o.changes())));
        }
      }
      if (o.runs("replay") && !o.compileServices().isEmpty()) {
        // One log of --replay-events events over the largest compile size: the replay goal is about long logs.
        int s = o.compileServices().get(o.compileServices().size() - 1);
        log("replay: %d services, %d events", s, o.replayEvents());
        replay.add(ReplayBench.run(s, o.changes(), o.replayEvents(), profiler));
      }
      // Sections not run are left out, so the report shows only what this run measured.
      putIf(results, o.runs("pure"), "pure_compile", pure);
      putIf(results, o.runs("replay"), "replay", replay);
      if (o.runs("scenarios") || o.runs("gateway")) {
        List<Object> scenarios = new ArrayList<>();
        try (Backends backends = new Backends()) {
          int n = 0;
          for (int s : o.runs("scenarios") ? o.services() : List.<Integer>of()) {
            for (int p : o.proxies()) {
              String name = "probe" + n++;
              scenarios.add(profiler.section("scenario-" + s + "x" + p,
                  () -> MeshScenario.run(data, backends, name, s, p, o.changes())));
            }
          }
          putIf(results, o.runs("scenarios"), "scenarios", scenarios);
          if (o.runs("gateway")) {
            results.put("gateway", profiler.section("gateway",
                () -> GatewayBench.run(data, backends, o.services().get(0), o.streams())));
          }
        }
      }
      if (o.runs("gateway-jvm")) {
        results.put("gateway_jvm", GatewayProcessBench.run(data.resolve("gateway-jvm"), o.services().get(0),
            o.gatewayStreams(), o.stormStreams(), o.coldStartServices()));
      }
    } finally {
      if (o.dataDir() == null) {
        deleteTree(data);
      }
    }
    if (o.profile() != null) {
      results.put("profiles", profiler.written());
    }
    results.put("load_average_at_end", Machine.loadAverage());
    Files.createDirectories(o.out().toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(o.out().toFile(), results);
    String markdown = Report.markdown(results);
    String name = o.out().getFileName().toString().replaceFirst("\\.json$", "");
    Files.writeString(o.out().resolveSibling(name + ".md"), markdown);
    if (o.doc() != null) {
      Report.replaceResults(o.doc(), markdown);
    }
    return o.out();
  }

  private static void putIf(Map<String, Object> results, boolean ran, String key, Object value) {
    if (ran) {
      results.put(key, value);
    }
  }

  static void log(String format, Object... args) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
