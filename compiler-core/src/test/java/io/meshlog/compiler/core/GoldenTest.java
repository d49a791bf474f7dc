package io.meshlog.compiler.core;

import io.meshlog.mesh.MeshObject;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenTest {
  static Stream<String> cases() throws IOException {
    return GoldenCases.names().stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void compilesToGoldenOutput(String name) throws IOException {
    List<MeshObject> objects = GoldenCases.objects(name);
    MeshCompiler compiler = new MeshCompiler();
    objects.forEach(compiler::upsert);
    GoldenFiles.check(GoldenFiles.DIR.resolve(name + ".out.yaml"), ResourceYaml.render(compiler.resources().values()));
  }
}
