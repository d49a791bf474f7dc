package io.meshlog.bench;

import static io.meshlog.bench.Report.list;
import static io.meshlog.bench.Report.map;
import static io.meshlog.bench.Report.num;
import static io.meshlog.bench.Report.row;

import java.util.List;
import java.util.Map;

/** The Markdown of {@link GatewayProcessBench}: its goal rows and tables. */
final class GatewayJvmReport {
  private static final double MB = 1 << 20;

  private GatewayJvmReport() {}

  static void goals(StringBuilder md, Map<String, Object> g) {
    Map<String, Object> streams = map(g.get("streams"));
    List<Map<String, Object>> steps = list(streams.get("steps"));
    if (!steps.isEmpty()) {
      Map<String, Object> last = steps.get(steps.size() - 1);
      double n = num(last, "streams");
      double kb = num(last, "heap_bytes_per_stream") / 1024;
      String stopped = streams.containsKey("stopped") ? "; stopped " + streams.get("stopped") : "";
      md.append(row("≥ 20k streams per gateway at ≤ 50 KB heap each", "%d streams held (most tried), %s KB each "
          .formatted((int) n, Fmt.num(kb)) + "(gateway's own JVM, after full GC)" + stopped, n >= 20_000 && kb <= 50));
    }
    List<Map<String, Object>> cold = list(g.get("cold_start"));
    if (!cold.isEmpty()) {
      Map<String, Object> big = cold.get(cold.size() - 1);
      int services = (int) num(big, "services");
      double worst = list(big.get("runs")).stream().mapToDouble(r -> num(r, "process_start_to_ready_ms")).max()
          .orElse(Double.NaN);
      double catchUp = list(big.get("runs")).stream().mapToDouble(r -> num(r, "catching_up_to_ready_ms")).max()
          .orElse(Double.NaN);
      md.append(row("gateway cold start ≤ 5 s at 10k services", "%s ms at %d services, process start → /ready (worst "
          .formatted(Fmt.num(worst), services) + "of %d; CATCHING_UP → READY %s ms)".formatted(
          list(big.get("runs")).size(), Fmt.num(catchUp)), services >= 10_000 ? worst <= 5000 : null));
    }
  }

  static void tables(StringBuilder md, Map<String, Object> g) {
    Map<String, Object> jvm = map(g.get("gateway_jvm"));
    Map<String, Object> streams = map(g.get("streams"));
    if (!streams.isEmpty()) {
      md.append("### Gateway in its own JVM: streams (%d services; -Xmx%s, %s; %d streams per HTTP/2 connection)\n\n"
          .formatted((int) num(streams, "services"), jvm.get("xmx"), jvm.get("gc"),
              (int) num(jvm, "streams_per_channel")))
          .append("Heap after a full GC with no streams: %s MB, %d threads. Each stream: %s.\n\n".formatted(
              Fmt.num(num(streams, "heap_after_gc_no_streams_bytes") / MB), (int) num(streams, "threads_no_streams"),
              streams.get("subscription")))
          .append("| ADS streams | streams the gateway counts | heap after GC, MB | heap per stream, KB | threads | "
              + "open all + first responses, s | change written → last stream, ms | fan-out first → last stream, ms |\n"
              + "|---|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> s : list(streams.get("steps"))) {
        md.append("| %d | %d | %s | %s | %d | %s | %s | %s |\n".formatted((int) num(s, "streams"),
            (int) num(s, "gateway_open_streams"), Fmt.num(num(s, "heap_after_gc_bytes") / MB),
            Fmt.num(num(s, "heap_bytes_per_stream") / 1024), (int) num(s, "threads"),
            Fmt.num(num(s, "open_and_first_response_s")), Fmt.num(num(s, "write_to_last_stream_ms")),
            Fmt.num(num(s, "fan_out_first_to_last_ms"))));
      }
      Map<String, Object> storm = map(streams.get("storm"));
      if (!storm.isEmpty()) {
        md.append("\nReconnect storm: %d streams opened at once while %d stay open, until every one has LDS, RDS, "
            .formatted((int) num(storm, "storm_streams"), (int) num(storm, "streams_already_open"))
            + "CDS, EDS and the current route.\n\n"
            + "| streams already open | storm streams | open → all have config, ms | gateway threads, peak | "
            + "gateway threads after | streams the gateway counts |\n|---|---|---|---|---|---|\n")
            .append("| %d | %d | %s | %d | %d | %d |\n".formatted((int) num(storm, "streams_already_open"),
                (int) num(storm, "storm_streams"), Fmt.num(num(storm, "all_have_config_ms")),
                (int) num(storm, "threads_peak"), (int) num(storm, "threads_after"),
                (int) num(storm, "gateway_open_streams")));
      }
      if (streams.containsKey("stopped")) {
        md.append("\nStopped ").append(streams.get("stopped")).append('\n');
      }
      md.append('\n');
    }
    List<Map<String, Object>> cold = list(g.get("cold_start"));
    if (!cold.isEmpty()) {
      md.append("### Gateway in its own JVM: cold start (topic filled by the pure compile core)\n\n"
          + "| services | records on the topic | process start → /ready 200, ms | CATCHING_UP → READY record, ms | "
          + "heap after GC once READY, MB |\n|---|---|---|---|---|\n");
      for (Map<String, Object> c : cold) {
        for (Map<String, Object> run : list(c.get("runs"))) {
          md.append("| %d | %d | %s | %s | %s |\n".formatted((int) num(c, "services"), (int) num(c, "records"),
              Fmt.num(num(run, "process_start_to_ready_ms")), Fmt.num(num(run, "catching_up_to_ready_ms")),
              Fmt.num(num(run, "heap_after_gc_bytes") / MB)));
        }
      }
      md.append('\n');
    }
  }
}
