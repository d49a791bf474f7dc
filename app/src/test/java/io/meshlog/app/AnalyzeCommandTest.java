package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshlog analyze}: offline, text and JSON output, exit 1 only when there is an error. */
class AnalyzeCommandTest {
  @TempDir Path dir;

  static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  static String undefinedSubset() {
    return MeshYaml.service("echo", 50051) + "---\n" + MeshYaml.virtualService("echo", "")
        .replace("port: {number: 8080}", "subset: v3, port: {number: 8080}");
  }

  @Test
  void errorIsPrintedKubectlStyleAndExitsOne() throws Exception {
    Path f = Files.writeString(dir.resolve("mesh.yaml"), undefinedSubset());
    CliRun r = cli("analyze", "-f", f.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("Error [MLA0001] (VirtualService demo/echo) spec.http[0].route[0].destination.subset: "
        + "subset \"v3\" of host echo.demo.svc is defined by no DestinationRule\n    fix: "), r.out());
    assertTrue(r.out().endsWith("1 error(s), 0 warning(s)\n"), r.out());
  }

  @Test
  void jsonOutputCarriesEveryPartOfAFinding() throws Exception {
    Path f = Files.writeString(dir.resolve("mesh.yaml"), undefinedSubset());
    CliRun r = cli("analyze", "-o", "json", "-f", f.toString());
    assertEquals(1, r.exit(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode finding = json.path("findings").get(0);
    assertEquals("MLA0001", finding.path("code").asText());
    assertEquals("ERROR", finding.path("severity").asText());
    assertEquals("VirtualService demo/echo", finding.path("object").asText());
    assertEquals("spec.http[0].route[0].destination.subset", finding.path("field").asText());
    assertTrue(finding.path("hint").asText().contains("v3"), r.out());
    assertEquals(1, json.path("errors").asInt());
    assertEquals(0, json.path("warnings").asInt());
  }

  @Test
  void warningsAloneExitZeroAndFilesAreAnalyzedTogether() throws Exception {
    Path service = Files.writeString(dir.resolve("a-service.yaml"), MeshYaml.service("echo", 50051));
    Path routes = Files.writeString(dir.resolve("b-routes.yaml"), MeshYaml.virtualService("echo", "")
        + "- route: [{destination: {host: echo.demo.svc}}]\n".indent(4).replaceFirst("^ {4}", "  "));
    CliRun r = cli("analyze", "-f", service.toString(), "-f", routes.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("Warning [MLA0005] (VirtualService demo/echo) spec.http[1]: "), r.out());
    assertTrue(r.out().endsWith("0 error(s), 1 warning(s)\n"), r.out());
    assertEquals("No issues found.\n", cli("analyze", "-f", service.toString()).out());
  }

  @Test
  void invalidFieldIsAnMla0000Error() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.yaml"), MeshYaml.virtualService("echo", "timeout: soon"));
    CliRun r = cli("analyze", "-f", f.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().startsWith("Error [MLA0000] (VirtualService demo/echo) spec.http[0].timeout: "), r.out());
  }
}
