package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a checked-in file, or rewrites the file when run with
 * {@code -Dmeshlog.golden.update=true} (then review the diff before committing).
 */
final class GoldenFiles {
  static final Path DIR = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("meshlog.golden.update");

  private GoldenFiles() {}

  static void check(Path expectedFile, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(expectedFile, actual);
      return;
    }
    assertTrue(Files.exists(expectedFile),
        expectedFile + " is missing; create it with -Dmeshlog.golden.update=true");
    assertEquals(Files.readString(expectedFile), actual, "differs from " + expectedFile);
  }
}
