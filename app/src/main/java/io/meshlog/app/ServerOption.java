package io.meshlog.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where ingest is: --server, else MESHLOG_SERVER, else what `meshlog up` wrote under .meshlog/; and the bearer
 * token it may require: --token-file, else MESHLOG_TOKEN.
 */
final class ServerOption {
  static final String DEFAULT = "http://127.0.0.1:15080";

  @Option(names = "--server", description = "Ingest URL (default: $MESHLOG_SERVER, then .meshlog/endpoints.properties, then "
      + DEFAULT + ")")
  String server;

  @Option(names = "--token-file", description = "File holding ingest's bearer token (default: $MESHLOG_TOKEN)")
  Path tokenFile;

  /** A client for the resolved server, sending the token when there is one. */
  IngestClient client() throws IOException {
    return new IngestClient(resolve(), token());
  }

  Optional<String> token() throws IOException {
    if (tokenFile != null) {
      return Optional.of(Tokens.read(tokenFile));
    }
    String env = System.getenv("MESHLOG_TOKEN");
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
  }

  String resolve() {
    if (server != null) {
      return server;
    }
    String env = System.getenv("MESHLOG_SERVER");
    if (env != null && !env.isBlank()) {
      return env;
    }
    Path file = Path.of(".meshlog", Endpoints.FILE);
    if (Files.exists(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
        return p.getProperty(Endpoints.INGEST_URL, DEFAULT);
      } catch (IOException e) {
        return DEFAULT;
      }
    }
    return DEFAULT;
  }
}
