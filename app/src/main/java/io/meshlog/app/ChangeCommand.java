package io.meshlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.analysis.Finding;
import io.meshlog.mesh.istio.FieldError;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.mesh.istio.ValidationException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * apply and delete: validate every document locally first (nothing is sent if any is invalid), then send each
 * file to ingest and print what happened to each object, kubectl-style.
 */
abstract class ChangeCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, required = true, description = "YAML file, directory or - for stdin; repeatable")
  List<String> files = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace for objects without one")
  String namespace;

  @Mixin ServerOption server;

  @Spec CommandSpec spec;

  abstract String path();

  abstract boolean dryRun();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<YamlFiles.Source> sources = YamlFiles.read(files);
    List<FieldError> errors = new ArrayList<>();
    for (YamlFiles.Source s : sources) {
      try {
        IstioYaml.parse(s.text(), s.name(), namespace);
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      errors.forEach(e -> err.println("error: " + e));
      err.println("nothing was applied");
      return 1;
    }
    IngestClient client = server.client();
    if (analyzes() && !analysisAllows(sources, client, err)) {
      return 1;
    }
    int exit = 0;
    for (YamlFiles.Source s : sources) {
      IngestClient.Reply reply = client.post(path(), Map.of(
          "source", s.name(), "namespace", namespace, "appliedBy", whoAmI(), "dryRun", String.valueOf(dryRun())), s.text());
      if (reply.status() == 200) {
        for (JsonNode o : reply.body().path("outcomes")) {
          out.println(o.path("message").asText());
          if ("NOT_FOUND".equals(o.path("result").asText())) {
            exit = 1;
          }
        }
      } else {
        for (JsonNode e : reply.body().path("errors")) {
          err.println("error: " + e.path("object").asText() + ": " + e.path("field").asText() + ": " + e.path("message").asText());
        }
        if (reply.body().has("error")) {
          err.println("error: " + reply.body().path("error").asText());
        }
        return 1;
      }
    }
    return exit;
  }

  /** apply checks references between objects too; delete sends only what it names. */
  boolean analyzes() {
    return "/v1/apply".equals(path());
  }

  /** Prints the findings the change introduces; errors block it with nothing sent, warnings do not. */
  private boolean analysisAllows(List<YamlFiles.Source> sources, IngestClient client, PrintWriter err)
      throws Exception {
    List<Finding> findings = ApplyAnalysis.introducedBy(sources, namespace, client);
    findings.forEach(f -> err.println((f.isError() ? "error: " : "warning: ") + FindingReport.line(f)));
    if (findings.stream().anyMatch(Finding::isError)) {
      err.println("nothing was applied");
      return false;
    }
    return true;
  }

  /** Who made the change, for the audit trail: user@host and the command. */
  String whoAmI() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name") + "@" + host + " (meshlog " + spec.name() + ")";
  }
}
