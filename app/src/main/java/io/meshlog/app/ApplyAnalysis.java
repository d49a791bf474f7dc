package io.meshlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.analysis.AnalysisInput;
import io.meshlog.mesh.analysis.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analyzer as {@code meshlog apply} runs it: over what the log holds now with the applied files on top,
 * reporting only findings the change introduces, so an old problem elsewhere never blocks an unrelated apply
 * while a change that breaks a reference elsewhere (a subset removed under a route) is caught.
 */
final class ApplyAnalysis {
  private ApplyAnalysis() {}

  static List<Finding> introducedBy(List<YamlFiles.Source> sources, String namespace, IngestClient client)
      throws Exception {
    JsonNode items = client.get("/v1/objects", Map.of()).body().path("items");
    AnalysisInput before = current(items);
    AnalysisInput after = current(items);
    for (YamlFiles.Source s : sources) {
      after.add(s.text(), s.name(), namespace);
    }
    Set<String> known = before.analyze().stream().map(Finding::identity).collect(Collectors.toSet());
    return after.analyze().stream().filter(f -> !known.contains(f.identity())).toList();
  }

  /** One source per stored object, so one the current adapter no longer accepts costs only itself. */
  private static AnalysisInput current(JsonNode items) {
    AnalysisInput input = new AnalysisInput();
    for (JsonNode item : items) {
      input.add(item.toString(), "<server>", item.path("metadata").path("namespace").asText("default"));
    }
    return input;
  }
}
