package io.meshlog.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sizes and outputs of a run, from flags such as {@code --services 100,1000 --proxies 100 --changes 200}.
 *
 * @param services mesh sizes for the pipeline runs (propagation, Streams compile, cold start, footprint)
 * @param proxies proxies connected during each propagation run
 * @param compileServices mesh sizes for the pure compile core and replay
 * @param streams most ADS streams opened against one gateway
 * @param gatewayStreams ADS streams opened in steps against one gateway in its own JVM
 * @param coldStartServices mesh sizes for the gateway JVM's cold start
 * @param stormStreams ADS streams opened at once against the loaded gateway JVM after its steps (reconnect
 *     storm); 0 = as many as the largest step, -1 = none
 * @param replayEvents events in the replay benchmark's log (at least the mesh plus {@code changes})
 * @param profile directory for a JFR recording and a hot-method summary per benchmark, or null for none
 * @param only which benchmarks run: pure, replay, scenarios, gateway, gateway-jvm (default: all)
 * @param out JSON results file
 * @param doc Markdown file whose results section is replaced, or null
 */
record BenchOptions(List<Integer> services, List<Integer> proxies, int changes, List<Integer> compileServices,
    int streams, List<Integer> gatewayStreams, List<Integer> coldStartServices, int stormStreams, int replayEvents,
    Path profile, Set<String> only, Path out, Path doc, Path dataDir) {
  static final Set<String> ALL = Set.of("pure", "replay", "scenarios", "gateway", "gateway-jvm");

  static final String USAGE = """
      usage: meshlog-bench [--services 100,1000] [--proxies 100,1000] [--changes 200]
                           [--compile-services 1000,10000] [--streams 2000]
                           [--gateway-streams 1000,5000,10000,20000] [--cold-start-services 10000]
                           [--storm-streams N] [--replay-events 1000000] [--profile DIR]
                           [--only pure,replay,scenarios,gateway,gateway-jvm]
                           [--out benchmarks/results/DATE.json] [--doc docs/benchmarks.md] [--data-dir DIR]""";

  static BenchOptions parse(String... args) {
    List<Integer> services = List.of(100, 1000);
    List<Integer> proxies = List.of(100, 1000);
    int changes = 200;
    List<Integer> compile = List.of(1000, 10000);
    int streams = 2000;
    List<Integer> gatewayStreams = List.of(1000, 5000, 10000, 20000);
    List<Integer> coldStart = List.of(10000);
    int storm = 0;
    int replayEvents = 1_000_000;
    Path profile = null;
    Set<String> only = ALL;
    Path out = Path.of("benchmarks", "results", LocalDate.now() + ".json");
    Path doc = null;
    Path data = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag + "\n" + USAGE);
      }
      String v = args[++i];
      switch (flag) {
        case "--services" -> services = ints(v);
        case "--proxies" -> proxies = ints(v);
        case "--changes" -> changes = Integer.parseInt(v);
        case "--compile-services" -> compile = ints(v);
        case "--streams" -> streams = Integer.parseInt(v);
        case "--gateway-streams" -> gatewayStreams = ints(v);
        case "--cold-start-services" -> coldStart = ints(v);
        case "--storm-streams" -> storm = Integer.parseInt(v);
        case "--replay-events" -> replayEvents = Integer.parseInt(v);
        case "--profile" -> profile = Path.of(v);
        case "--only" -> only = only(v);
        case "--out" -> out = Path.of(v);
        case "--doc" -> doc = Path.of(v);
        case "--data-dir" -> data = Path.of(v);
        default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
      }
    }
    return new BenchOptions(services, proxies, changes, compile, streams, gatewayStreams, coldStart, storm,
        replayEvents, profile, only, out, doc, data);
  }

  boolean runs(String benchmark) {
    return only.contains(benchmark);
  }

  private static Set<String> only(String csv) {
    Set<String> out = new TreeSet<>(Arrays.stream(csv.split(",")).map(String::trim).toList());
    if (!ALL.containsAll(out)) {
      throw new IllegalArgumentException("--only takes " + new TreeSet<>(ALL) + ", not " + csv + "\n" + USAGE);
    }
    return out;
  }

  private static List<Integer> ints(String csv) {
    // An empty list ("") runs none of that size.
    return Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(Integer::parseInt).toList();
  }
}
