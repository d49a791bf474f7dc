package io.meshlog.compiler.core;

import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Istio YAML in, Envoy resources of both proxy classes out: {@code golden-istio/<case>.in.yaml} through the
 * real Istio adapter and the compiler, against {@code <case>.out.yaml}. One case per traffic feature, so a
 * feature's whole effect (listener, route, cluster) is reviewed in one diff.
 */
class IstioGoldenTest {
  static final Path DIR = Path.of("src/test/resources/golden-istio");
  private static final String SUFFIX = ".in.yaml";

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(SUFFIX))
          .map(f -> f.substring(0, f.length() - SUFFIX.length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void compilesIstioYamlToGoldenOutput(String name) throws Exception {
    List<IstioObject> objects = IstioYaml.parse(Files.readString(DIR.resolve(name + SUFFIX)), name, "default");
    MeshCompiler compiler = new MeshCompiler();
    for (IstioObject o : objects) {
      compiler.upsert(IstioAdapter.toModel(o, "yaml", "local"));
    }
    GoldenFiles.check(DIR.resolve(name + ".out.yaml"), ResourceYaml.render(compiler.resources().values()));
  }
}
