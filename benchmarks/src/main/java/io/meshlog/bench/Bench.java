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
    results.put("options", Map.of("services", o.services(), "proxies", o.proxies(), "changes", o.changes(),
        "compile_services", o.compileServices(), "streams", o.streams()));
    Path data = o.dataDir() != null ? o.dataDir() : Files.createTempDirectory("meshlog-bench");
    try {
      List<Object> pure = new ArrayList<>();
      List<Object> replay = new ArrayList<>();
      for (int s : o.compileServices()) {
        log("pure compile: %d services", s);
        pure.add(PureCompileBench.run(s, o.changes()));
        log("replay: %d services", s);
        replay.add(ReplayBench.run(s, o.changes()));
      }
      results.put("pure_compile", pure);
      results.put("replay", replay);
      List<Object> scenarios = new ArrayList<>();
      try (Backends backends = new Backends()) {
        int n = 0;
        for (int s : o.services()) {
          for (int p : o.proxies()) {
            scenarios.add(MeshScenario.run(data, backends, "probe" + n++, s, p, o.changes()));
          }
        }
        results.put("scenarios", scenarios);
        results.put("gateway", GatewayBench.run(data, backends, o.services().get(0), o.streams()));
      }
    } finally {
      if (o.dataDir() == null) {
        deleteTree(data);
      }
    }
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

  static void log(String format, Object... args) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
