package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer inside {@code meshlog apply} against the real stack: it sees what the log already holds, an
 * ERROR blocks the apply with nothing published, a WARNING is printed and the apply goes through.
 */
class ApplyAnalysisEndToEndTest {
  @TempDir static Path dir;
  static Stack stack;

  @BeforeAll
  static void start() {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static CliRun run(String verb, String name, String yaml) throws Exception {
    Path f = Files.writeString(dir.resolve(name), yaml);
    return AnalyzeCommandTest.cli(verb, "-f", f.toString(), "--server", stack.endpoints().ingestUrl());
  }

  static String rule(String subsets) {
    return MeshYaml.destinationRule("echo", "{loadBalancer: {simple: ROUND_ROBIN}}") + "  subsets:\n" + subsets.indent(2);
  }

  static String route(String subset) {
    return MeshYaml.virtualService("echo", "").replace("port: {number: 8080}", "subset: " + subset + ", port: {number: 8080}");
  }

  @Test
  void errorsBlockApplyWarningsDoNotAndTheLogIsConsulted() throws Exception {
    CliRun service = run("apply", "service.yaml", MeshYaml.service("echo", 50051));
    assertEquals(0, service.exit(), service.err());

    // A subset selecting no workload is a warning: printed, and the rule is applied.
    CliRun dr = run("apply", "rule.yaml", rule("- {name: v1, labels: {version: v1}}\n- {name: v9, labels: {version: v9}}"));
    assertEquals(0, dr.exit(), dr.err());
    assertTrue(dr.err().contains("warning: Warning [MLA0004] (DestinationRule demo/echo) spec.subsets[1].labels"), dr.err());
    assertTrue(dr.out().contains("destinationrule"), dr.out());

    // The route's subset is defined by the rule already in the log, so this apply is clean.
    CliRun ok = run("apply", "route-v1.yaml", route("v1"));
    assertEquals(0, ok.exit(), ok.err());
    assertFalse(ok.err().contains("MLA"), ok.err());

    // An undefined subset is an error: nothing is sent, the log keeps routing to v1.
    CliRun bad = run("apply", "route-v3.yaml", route("v3"));
    assertEquals(1, bad.exit(), bad.err());
    assertTrue(bad.err().contains("error: Error [MLA0001] (VirtualService demo/echo) spec.http[0].route[0].destination.subset"), bad.err());
    assertTrue(bad.err().contains("nothing was applied"), bad.err());
    CliRun get = AnalyzeCommandTest.cli("get", "vs", "-o", "yaml", "--server", stack.endpoints().ingestUrl());
    assertTrue(get.out().contains("subset: v1") && !get.out().contains("v3"), get.out());

    // Removing the subset a stored route uses is caught too, though the route is not in the applied file.
    CliRun removal = run("apply", "rule-v9.yaml", rule("- {name: v9, labels: {version: v9}}"));
    assertEquals(1, removal.exit(), removal.err());
    assertTrue(removal.err().contains("[MLA0001] (VirtualService demo/echo)"), removal.err());
    // The warning about v9 was already there before this apply, so it is not repeated.
    assertFalse(removal.err().contains("MLA0004"), removal.err());
  }
}
