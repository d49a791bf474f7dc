package io.meshlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", mixinStandardHelpOptions = true, description = "List objects as the log says they are now.")
final class GetCommand implements Callable<Integer> {
  private static final Map<String, String> KINDS = kinds();

  @Parameters(index = "0", description = "virtualservices|destinationrules|serviceentries|workloadentries|sidecars|gateways (or vs, dr, se, we, sc, gw)")
  String kind;

  @Option(names = {"-n", "--namespace"}, description = "Only this namespace")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "All namespaces (the default when -n is not given)")
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, yaml or json")
  String output;

  @Mixin ServerOption server;

  @Spec CommandSpec spec;

  private static Map<String, String> kinds() {
    Map<String, String> m = new HashMap<>();
    for (String k : new String[] {"VirtualService:vs", "DestinationRule:dr", "ServiceEntry:se", "WorkloadEntry:we",
        "Sidecar:sc", "Gateway:gw"}) {
      String[] parts = k.split(":");
      String lower = parts[0].toLowerCase(Locale.ROOT);
      m.put(lower, parts[0]);
      // -entry plurals are -entries (below); gateway is a plain +s.
      m.put(lower + (lower.endsWith("entry") ? "" : "s"), parts[0]);
      m.put(parts[1], parts[0]);
    }
    m.put("serviceentries", "ServiceEntry");
    m.put("workloadentries", "WorkloadEntry");
    return Map.copyOf(m);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String k = KINDS.get(kind.toLowerCase(Locale.ROOT));
    if (k == null) {
      spec.commandLine().getErr().println("error: unknown kind \"" + kind + "\"; use one of virtualservices, "
          + "destinationrules, serviceentries, workloadentries, sidecars, gateways");
      return 2;
    }
    Map<String, String> q = new HashMap<>(Map.of("kind", k));
    if (namespace != null && !allNamespaces) {
      q.put("namespace", namespace);
    }
    IngestClient.Reply reply = server.client().get("/v1/objects", q);
    JsonNode items = reply.body().path("items");
    switch (output) {
      case "yaml" -> {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        for (int i = 0; i < items.size(); i++) {
          out.print((i > 0 ? "---\n" : "") + yaml.writeValueAsString(items.get(i)));
        }
      }
      case "json" -> out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(items));
      case "table" -> {
        out.printf("%-20s %-32s %-26s %s%n", "NAMESPACE", "NAME", "UPDATED", "APPLIED BY");
        for (JsonNode i : items) {
          JsonNode m = i.path("metadata");
          JsonNode a = m.path("annotations");
          out.printf("%-20s %-32s %-26s %s%n", m.path("namespace").asText(), m.path("name").asText(),
              a.path("meshlog.io/updated").asText(), a.path("meshlog.io/applied-by").asText());
        }
      }
      default -> {
        spec.commandLine().getErr().println("error: --output must be table, yaml or json, not " + output);
        return 2;
      }
    }
    out.flush();
    return 0;
  }
}
