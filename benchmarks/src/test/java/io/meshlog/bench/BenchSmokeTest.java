package io.meshlog.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark at tiny sizes, so the harness cannot rot. Asserts only that results were produced and
 * written, never their values: timings on a shared CI machine mean nothing.
 */
class BenchSmokeTest {
  @TempDir Path dir;

  @Test
  void everyBenchmarkRunsAtTinySizesAndWritesJsonAndMarkdown() throws Exception {
    Path out = dir.resolve("results").resolve("smoke.json");
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# prose kept\n\n" + Report.START + "\nold\n" + Report.END + "\n\nmore prose\n");
    Bench.run(BenchOptions.parse("--services", "5", "--proxies", "3", "--changes", "2", "--compile-services", "5",
        "--streams", "4", "--gateway-streams", "20,50", "--cold-start-services", "20", "--replay-events", "300", "--profile", dir.resolve("profiles").toString(), "--out", out.toString(), "--doc", doc.toString(), "--data-dir", dir.resolve("data").toString()));

    JsonNode json = new ObjectMapper().readTree(out.toFile());
    for (String section : new String[] {"machine", "pure_compile", "replay", "scenarios", "gateway", "gateway_jvm"}) {
      assertTrue(json.has(section), "missing " + section + " in " + json);
    }
    assertTrue(json.get("pure_compile").get(0).has("load_batched_events_per_s"), json.get("pure_compile").toString());
    assertTrue(json.get("replay").get(0).get("events").asInt() == 300, json.get("replay").toString());
    // --profile: a recording and its summary per section.
    for (String section : new String[] {"pure-5", "replay-history-5", "scenario-5x3", "gateway"}) {
      JsonNode files = json.get("profiles").get(section);
      assertTrue(files != null && Files.size(Path.of(files.get("jfr").asText())) > 0, json.get("profiles").toString());
      assertTrue(Files.readString(Path.of(files.get("summary").asText())).contains("CPU samples"), section);
    }
    JsonNode scenario = json.get("scenarios").get(0);
    for (String part : new String[] {"streams_compile", "gateway_cold_start_ms", "meshlog", "baseline", "resource_topic"}) {
      assertTrue(scenario.has(part), "missing " + part + " in " + scenario);
    }
    assertTrue(scenario.get("meshlog").get("grpc_client_routes").get("count").asInt() == 2, scenario.toString());
    assertFalse(json.get("gateway").get("steps").isEmpty(), json.get("gateway").toString());
    JsonNode jvm = json.get("gateway_jvm");
    assertTrue(jvm.get("streams").get("steps").size() == 2 && !jvm.get("streams").has("stopped"), jvm.toString());
    assertTrue(jvm.get("streams").get("steps").get(1).has("heap_bytes_per_stream"), jvm.toString());
    assertTrue(jvm.get("cold_start").get(0).get("runs").get(0).has("process_start_to_ready_ms"), jvm.toString());

    String markdown = Files.readString(dir.resolve("results").resolve("smoke.md"));
    assertTrue(markdown.contains("### Goals") && markdown.contains("### Propagation")
        && markdown.contains("### Gateway in its own JVM: streams") && markdown.contains("cold start ≤ 5 s"), markdown);
    String updated = Files.readString(doc);
    assertTrue(updated.startsWith("# prose kept") && updated.endsWith("more prose\n") && !updated.contains("\nold\n"),
        updated);
  }
}
