package io.meshlog.compiler.core;

import io.meshlog.mesh.MeshObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden inputs, shared with tests that need realistic meshes. */
final class GoldenCases {
  private static final String SUFFIX = ".in.yaml";

  private GoldenCases() {}

  static List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(GoldenFiles.DIR)) {
      return files.map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(SUFFIX))
          .map(f -> f.substring(0, f.length() - SUFFIX.length()))
          .sorted()
          .toList();
    }
  }

  static List<MeshObject> objects(String name) throws IOException {
    return Fixtures.read(GoldenFiles.DIR.resolve(name + SUFFIX));
  }
}
