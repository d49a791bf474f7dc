package io.meshlog.mesh.istio;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio YAML in, model out: every {@code golden/<case>.in.yaml} against {@code <case>.out.yaml}. */
class IstioGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden");

  static List<String> cases() {
    return GoldenFiles.cases(DIR);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void convertsAsRecorded(String name) {
    String in = GoldenFiles.read(DIR.resolve(name + ".in.yaml"));
    String out;
    try {
      out = ModelDump.of(IstioYaml.parse(in, name + ".in.yaml", "default"), "yaml", "local");
    } catch (ValidationException e) {
      out = ModelDump.of(e);
    }
    GoldenFiles.assertMatches(DIR.resolve(name + ".out.yaml"), out);
  }
}
