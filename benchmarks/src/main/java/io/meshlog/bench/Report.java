package io.meshlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Markdown tables of one run, and the goals they are read against (reported, never asserted). */
final class Report {
  static final String START = "<!-- results:start -->";
  static final String END = "<!-- results:end -->";

  private Report() {}

  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> m = map(r.get("machine"));
    md.append("Run ").append(r.get("date")).append(" on ").append(m.get("cores")).append(" cores, ")
        .append(m.get("memory_mb")).append(" MB RAM (max heap ").append(m.get("max_heap_mb")).append(" MB), ")
        .append(m.get("jdk")).append(", ").append(m.get("os")).append("; 1-minute load average ")
        .append(Fmt.num(num(m, "load_average_at_start"))).append(" at the start, ")
        .append(Fmt.num(num(r, "load_average_at_end"))).append(" at the end.\n\nSizes: ").append(r.get("options"))
        .append(".\n\n");
    goals(md, r);
    // Only the sections this run measured (--only).
    boolean scenarios = r.containsKey("scenarios");
    if (scenarios) {
      propagation(md, r);
    }
    if (scenarios || r.containsKey("pure_compile")) {
      compile(md, r);
    }
    if (scenarios || r.containsKey("gateway")) {
      gateway(md, r);
    }
    if (r.containsKey("gateway_jvm")) {
      GatewayJvmReport.tables(md, map(r.get("gateway_jvm")));
    }
    if (r.containsKey("replay")) {
      replay(md, r);
    }
    if (scenarios) {
      footprint(md, r);
    }
    return md.toString();
  }

  private static void goals(StringBuilder md, Map<String, Object> r) {
    md.append("### Goals\n\n| goal | measured | met |\n|---|---|---|\n");
    Map<String, Object> target = null;
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      if (num(s, "services") == 1000 && num(s, "proxies") == 1000) {
        target = s;
      }
    }
    if (!r.containsKey("scenarios")) {
      // not run (--only)
    } else if (target == null) {
      md.append("| propagation p99 ≤ 50 ms at 1k services × 1k proxies | not run at that size | n/a |\n");
    } else {
      double p99 = num(target, "meshlog", "every_proxy_received", "p99_ms");
      double grpc = num(target, "meshlog", "grpc_client_routes", "p99_ms");
      md.append(row("propagation p99 ≤ 50 ms at 1k services × 1k proxies",
          "every proxy %s ms, gRPC client %s ms".formatted(Fmt.num(p99), Fmt.num(grpc)), Math.max(p99, grpc) <= 50));
    }
    double worst = 0;
    String where = "";
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      double ratio = num(s, "meshlog", "every_proxy_received", "p99_ms") / num(s, "baseline", "every_proxy_received", "p99_ms");
      if (ratio > worst) {
        worst = ratio;
        where = "%d × %d".formatted((int) num(s, "services"), (int) num(s, "proxies"));
      }
    }
    if (!where.isEmpty()) {
      md.append(row("propagation ≤ 1.5× baseline (p99, every proxy)", "worst %s× at %s".formatted(Fmt.num(worst),
          where), worst <= 1.5));
    }
    List<Map<String, Object>> pure = list(r.get("pure_compile"));
    if (!pure.isEmpty() || r.containsKey("scenarios")) {
      compileGoal(md, pure, list(r.get("scenarios")));
    }
    if (pure.size() > 1) {
      double growth = num(pure.get(pure.size() - 1), "change", "p50_ms") / num(pure.get(0), "change", "p50_ms");
      md.append(row("flat per-change cost as the mesh grows", "p50 ×%s from %d to %d services".formatted(Fmt.num(growth),
          (int) num(pure.get(0), "services"), (int) num(pure.get(pure.size() - 1), "services")), growth <= 1.5));
    }
    List<Map<String, Object>> steps = list(map(r.get("gateway")).get("steps"));
    if (r.containsKey("gateway_jvm")) {
      GatewayJvmReport.goals(md, map(r.get("gateway_jvm")));
    } else if (!steps.isEmpty()) {
      Map<String, Object> last = steps.get(steps.size() - 1);
      double streams = num(last, "streams");
      double kb = num(last, "heap_bytes_per_stream") / 1024;
      md.append(row("≥ 20k streams per gateway at ≤ 50 KB heap each",
          "%d streams held (most tried), %s KB each (client side included)".formatted((int) streams, Fmt.num(kb)),
          streams >= 20_000 && kb <= 50));
    }
    List<Map<String, Object>> rep = list(r.get("replay"));
    if (!rep.isEmpty()) {
      Map<String, Object> big = rep.get(rep.size() - 1);
      double rate = Math.max(num(big, "fold_then_compile_events_per_s"), num(big, "history_replay_events_per_s"));
      md.append(row("replay ≥ 200k events/s", "%s events/s folding %d events".formatted(Fmt.num(rate),
          (int) num(big, "events")), rate >= 200_000));
    }
    List<Map<String, Object>> sc = list(r.get("scenarios"));
    if (!sc.isEmpty() && !r.containsKey("gateway_jvm")) {
      Map<String, Object> big = sc.get(sc.size() - 1);
      double ms = num(big, "gateway_cold_start_ms");
      int services = (int) num(big, "services");
      md.append(row("gateway cold start ≤ 5 s at 10k services", "%s ms at %d services%s".formatted(Fmt.num(ms), services,
          services < 10_000 ? " (10k not run)" : ""), services >= 10_000 ? ms <= 5000 : null));
    }
    md.append('\n');
  }

  /**
   * The compiler's sustained rate is the Streams compiler's, loading a backlog through Kafka (it batches); the
   * pure core's rates, batched and one event at a time, say how much of that is the core.
   */
  private static void compileGoal(StringBuilder md, List<Map<String, Object>> pure, List<Map<String, Object>> scenarios) {
    List<String> parts = new java.util.ArrayList<>();
    Boolean met = null;
    Map<String, Object> biggest = null;
    for (Map<String, Object> s : scenarios) {
      if (biggest == null || num(s, "services") > num(biggest, "services")) {
        biggest = s;
      }
    }
    if (biggest != null) {
      double rate = num(biggest, "streams_compile", "events_per_s");
      parts.add("Streams compiler through Kafka %s events/s at %d services".formatted(Fmt.num(rate),
          (int) num(biggest, "services")));
      met = rate >= 10_000;
    }
    if (!pure.isEmpty()) {
      Map<String, Object> big = pure.get(pure.size() - 1);
      parts.add("pure core at %d services: batched %s, one at a time %s events/s".formatted((int) num(big, "services"),
          Fmt.num(num(big, "load_batched_events_per_s")), Fmt.num(num(big, "load_events_per_s"))));
      if (met == null) {
        met = num(big, "load_batched_events_per_s") >= 10_000;
      }
    }
    md.append(row("compile ≥ 10k events/s", String.join("; ", parts), met));
  }

  static String row(String goal, String measured, Boolean met) {
    return "| " + goal + " | " + measured + " | " + (met == null ? "n/a" : met ? "yes" : "**no**") + " |\n";
  }

  private static void propagation(StringBuilder md, Map<String, Object> r) {
    md.append("### Propagation (ms from submitting the change: meshlog HTTP apply sent; baseline in-process compile started)\n\n")
        .append("| services | proxies | changes | meshlog gRPC client routes p50 / p99 / max | meshlog every proxy has it "
            + "p50 / p99 / max | baseline gRPC client | baseline every proxy | meshlog / baseline p99 (gRPC, every proxy) |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      md.append("| %d | %d | %d | %s | %s | %s | %s | %s× / %s× |\n".formatted((int) num(s, "services"),
          (int) num(s, "proxies"), (int) num(s, "changes"), triple(s, "meshlog", "grpc_client_routes"),
          triple(s, "meshlog", "every_proxy_received"), triple(s, "baseline", "grpc_client_routes"),
          triple(s, "baseline", "every_proxy_received"),
          Fmt.num(num(s, "meshlog", "grpc_client_routes", "p99_ms") / num(s, "baseline", "grpc_client_routes", "p99_ms")),
          Fmt.num(num(s, "meshlog", "every_proxy_received", "p99_ms")
              / num(s, "baseline", "every_proxy_received", "p99_ms"))));
    }
    md.append("\nIngest's apply call itself (validate, publish, wait for acks and for its own view), p50 / p99 / max:");
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      md.append(" %d×%d: %s;".formatted((int) num(s, "services"), (int) num(s, "proxies"),
          triple(s, "meshlog", "change_call")));
    }
    md.append("\nmeshlog's gRPC client routes by the change, counted from the apply call's return (negative: before it):");
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      md.append(" %d×%d: %s;".formatted((int) num(s, "services"), (int) num(s, "proxies"),
          triple(s, "meshlog", "grpc_client_routes_after_call_returned")));
    }
    md.append("\n\n");
  }

  private static String triple(Map<String, Object> s, String side, String what) {
    return "%s / %s / %s".formatted(Fmt.num(num(s, side, what, "p50_ms")), Fmt.num(num(s, side, what, "p99_ms")),
        Fmt.num(num(s, side, what, "max_ms")));
  }

  private static void compile(StringBuilder md, Map<String, Object> r) {
    md.append("### Compile\n\n| services | pure core: loading one event at a time, events/s | pure core: loading in "
        + "batches of " + PureCompileBench.BATCH + ", events/s | pure core: one change p50 / p99 ms | "
        + "bytes out per change |\n|---|---|---|---|---|\n");
    for (Map<String, Object> p : list(r.get("pure_compile"))) {
      md.append("| %d | %s | %s | %s / %s | %s |\n".formatted((int) num(p, "services"), Fmt.num(num(p, "load_events_per_s")),
          Fmt.num(num(p, "load_batched_events_per_s")),
          Fmt.num(num(p, "change", "p50_ms")), Fmt.num(num(p, "change", "p99_ms")),
          Fmt.num(num(p, "bytes_out_per_change"))));
    }
    md.append("\n| services | Streams compiler: loading through Kafka, events/s |\n|---|---|\n");
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      md.append("| %d (with %d proxies run) | %s |\n".formatted((int) num(s, "services"), (int) num(s, "proxies"),
          Fmt.num(num(s, "streams_compile", "events_per_s"))));
    }
    md.append('\n');
  }

  private static void gateway(StringBuilder md, Map<String, Object> r) {
    Map<String, Object> g = map(r.get("gateway"));
    md.append("### Gateway (%d services)\n\n| ADS streams | streams the gateway counts | heap per stream (KB, "
        .formatted((int) num(g, "services"))).append("client side included) | fan-out first → last proxy ms | "
        + "apply returned → last proxy ms |\n|---|---|---|---|---|\n");
    for (Map<String, Object> s : list(g.get("steps"))) {
      md.append("| %d | %d | %s | %s | %s |\n".formatted((int) num(s, "streams"), (int) num(s, "gateway_open_streams"),
          Fmt.num(num(s, "heap_bytes_per_stream") / 1024), Fmt.num(num(s, "fan_out_first_to_last_ms")),
          Fmt.num(num(s, "accepted_to_last_ms"))));
    }
    md.append("\n| services | gateway cold start to READY, ms |\n|---|---|\n");
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      md.append("| %d | %s |\n".formatted((int) num(s, "services"), Fmt.num(num(s, "gateway_cold_start_ms"))));
    }
    md.append('\n');
  }

  private static void replay(StringBuilder md, Map<String, Object> r) {
    md.append("### Replay (rebuild the mesh at T from N events)\n\n| services | events | event by event, events/s | "
        + "fold to latest then compile once, events/s | history module (MeshState.at + compile), events/s |\n"
        + "|---|---|---|---|---|\n");
    for (Map<String, Object> p : list(r.get("replay"))) {
      md.append("| %d | %d | %s | %s | %s |\n".formatted((int) num(p, "services"), (int) num(p, "events"),
          Fmt.num(num(p, "event_by_event_events_per_s")), Fmt.num(num(p, "fold_then_compile_events_per_s")),
          Fmt.num(num(p, "history_replay_events_per_s"))));
    }
    md.append('\n');
  }

  private static void footprint(StringBuilder md, Map<String, Object> r) {
    md.append("### Footprint of the resource topic\n\n| services | proxies | keys | bytes after compaction | per service | "
        + "bytes written (all changes) |\n|---|---|---|---|---|---|\n");
    for (Map<String, Object> s : list(r.get("scenarios"))) {
      md.append("| %d | %d | %d | %s | %s | %s |\n".formatted((int) num(s, "services"), (int) num(s, "proxies"),
          (int) num(s, "resource_topic", "keys"), Fmt.num(num(s, "resource_topic", "compacted_bytes")),
          Fmt.num(num(s, "resource_topic", "compacted_bytes_per_service")),
          Fmt.num(num(s, "resource_topic", "bytes_written"))));
    }
    md.append('\n');
  }

  /** Replaces what lies between the results markers of {@code doc} (appends a section if it has none). */
  static void replaceResults(Path doc, String markdown) throws IOException {
    String text = Files.exists(doc) ? Files.readString(doc) : "";
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    String block = START + "\n" + markdown + END;
    text = start >= 0 && end > start ? text.substring(0, start) + block + text.substring(end + END.length())
        : text + "\n" + block + "\n";
    Files.writeString(doc, text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object o) {
    return o == null ? List.of() : (List<Map<String, Object>>) o;
  }

  static double num(Map<String, Object> m, String... path) {
    Object v = m;
    for (String p : path) {
      v = map(v).get(p);
    }
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
