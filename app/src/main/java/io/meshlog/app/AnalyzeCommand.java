package io.meshlog.app;

import io.meshlog.mesh.analysis.AnalysisInput;
import io.meshlog.mesh.analysis.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Offline analysis of YAML files: validation plus cross-object checks; needs no running stack. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Check Istio YAML offline: invalid fields and cross-object problems (codes MLA0000...). Exit 1 on any error.")
final class AnalyzeCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, required = true, description = "YAML file, directory or - for stdin; repeatable")
  List<String> files = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace for objects without one")
  String namespace;

  @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json")
  String output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!output.equals("text") && !output.equals("json")) {
      spec.commandLine().getErr().println("error: --output must be text or json, not " + output);
      return 2;
    }
    AnalysisInput input = new AnalysisInput();
    for (YamlFiles.Source s : YamlFiles.read(files)) {
      input.add(s.text(), s.name(), namespace);
    }
    List<Finding> findings = input.analyze();
    if (output.equals("json")) {
      FindingReport.json(findings, out);
    } else {
      FindingReport.text(findings, out);
    }
    out.flush();
    return findings.stream().anyMatch(Finding::isError) ? 1 : 0;
  }
}
