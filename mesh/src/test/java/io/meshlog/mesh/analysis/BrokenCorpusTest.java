package io.meshlog.mesh.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken document under {@code analysis-corpus/} yields a finding (validation errors are MLA0000) with
 * the code and field its first line announces ({@code # expect: CODE FIELD}; an empty field accepts any),
 * and never an exception.
 */
class BrokenCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/analysis-corpus");

  static Stream<Path> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void brokenDocumentGivesTheAnnouncedFinding(Path file) throws IOException {
    String text = Files.readString(file);
    String[] expect = text.lines().findFirst().orElseThrow().replace("# expect:", "").trim().split(" ", 2);
    String code = expect[0];
    String field = expect.length > 1 ? expect[1].trim() : "";
    List<Finding> findings = new AnalysisInput().add(text, file.getFileName().toString(), "demo").analyze();
    assertTrue(findings.stream().anyMatch(f -> f.code().equals(code) && (field.isEmpty() || f.field().equals(field))),
        () -> file + ": expected " + code + " at " + field + ", got " + findings);
    assertTrue(findings.stream().allMatch(f -> !f.message().isBlank() && !f.object().isBlank()), findings::toString);
  }
}
