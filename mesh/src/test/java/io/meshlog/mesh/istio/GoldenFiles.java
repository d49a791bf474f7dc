package io.meshlog.mesh.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden files: {@code <case>.in.yaml} next to the expected {@code <case>.out.yaml}. Run with
 * {@code -Dmeshlog.golden.update=true} to rewrite the expected files from the current output (then review the
 * diff). Paths are relative to the module directory, where surefire runs.
 */
public final class GoldenFiles {
  public static final String UPDATE_PROPERTY = "meshlog.golden.update";

  private GoldenFiles() {}

  /** Case names (file names without {@code .in.yaml}) in {@code dir}, sorted. */
  public static List<String> cases(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".in.yaml"))
          .map(n -> n.substring(0, n.length() - ".in.yaml".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compares {@code actual} with the expected file, or rewrites the file when updating. */
  public static void assertMatches(Path expected, String actual) {
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      try {
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertTrue(Files.exists(expected), expected + " is missing; run with -D" + UPDATE_PROPERTY + "=true");
    assertEquals(read(expected), actual, expected + " differs; if the change is intended, run with -D"
        + UPDATE_PROPERTY + "=true and review the diff");
  }
}
