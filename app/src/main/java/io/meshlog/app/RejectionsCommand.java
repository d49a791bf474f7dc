package io.meshlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rejections", mixinStandardHelpOptions = true,
    description = "Objects a registry offered that ingest did not accept (a malformed Service, a file that fails to parse, a bad VM registration), oldest first.")
final class RejectionsCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json")
  String output;

  @Mixin ServerOption server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    IngestClient.Reply reply = server.client().get("/v1/rejections", Map.of());
    if (reply.status() != 200) {
      spec.commandLine().getErr().println("error: " + reply.body().path("error").asText());
      return 1;
    }
    if ("json".equals(output)) {
      out.println(reply.body().toPrettyString());
    } else {
      out.printf("%-24s %-22s %-40s %s%n", "TIME", "SOURCE", "OBJECT", "REASON");
      for (JsonNode r : reply.body().path("items")) {
        String source = r.path("registry").asText() + (r.path("cluster").asText().isEmpty() ? "" : "/" + r.path("cluster").asText());
        String object = r.path("kind").asText() + " "
            + (r.path("namespace").asText().isEmpty() ? "" : r.path("namespace").asText() + "/") + r.path("name").asText();
        out.printf("%-24s %-22s %-40s %s%n", r.path("time").asText(), source, object,
            r.path("reason").asText().replace('\n', ' '));
      }
    }
    out.flush();
    return 0;
  }
}
