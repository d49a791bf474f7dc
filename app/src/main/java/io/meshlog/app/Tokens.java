package io.meshlog.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a bearer token file (surrounding whitespace and the trailing newline are not part of the token). */
final class Tokens {
  private Tokens() {}

  static String read(Path file) throws IOException {
    String token = Files.readString(file).strip();
    if (token.isEmpty()) {
      throw new IOException("token file " + file + " is empty");
    }
    return token;
  }
}
