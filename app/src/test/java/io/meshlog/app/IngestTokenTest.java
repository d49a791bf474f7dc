package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.ingest.Ingest;
import io.meshlog.ingest.IngestConfig;
import io.meshlog.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `meshlog up --token-file`: ingest's HTTP API needs the bearer token, and the CLI sends it. */
class IngestTokenTest {
  private static final String TOKEN = "t0ken-" + Long.toHexString(System.nanoTime());
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static Stack stack;
  static Path tokenFile;

  @BeforeAll
  static void start() throws IOException {
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")).withIngestToken(Tokens.read(tokenFile)));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static HttpResponse<String> get(String base, String path, String authorization) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyRequestNeedsTheBearerToken() throws Exception {
    String base = stack.endpoints().ingestUrl();
    for (String path : new String[] {"/v1/objects", "/v1/rejections", "/v1/apply"}) {
      HttpResponse<String> none = get(base, path, null);
      assertEquals(401, none.statusCode(), path);
      assertTrue(none.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      assertTrue(none.body().contains("\"error\""), none.body());
      assertEquals(401, get(base, path, "Bearer wrong-" + TOKEN).statusCode(), path);
      assertEquals(401, get(base, path, TOKEN).statusCode(), "the Bearer scheme is required: " + path);
    }
    assertEquals(200, get(base, "/v1/objects", "Bearer " + TOKEN).statusCode());
    assertEquals(200, get(base, "/healthz", null).statusCode(), "health stays open for probes");
  }

  @Test
  void cliSendsTheTokenFromTokenFile() throws Exception {
    String base = stack.endpoints().ingestUrl();
    Path mesh = Files.writeString(dir.resolve("vs.yaml"), """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: token-test, namespace: demo}
        spec:
          hosts: [token.demo.svc.cluster.local]
          http:
          - route:
            - destination: {host: token.demo.svc.cluster.local}
        """);
    CliRun refused = cli("apply", "-f", mesh.toString(), "--server", base);
    assertNotEquals(0, refused.exit());
    assertTrue(refused.err().contains("--token-file or MESHLOG_TOKEN"), refused.err());

    CliRun applied = cli("apply", "-f", mesh.toString(), "--server", base, "--token-file", tokenFile.toString());
    assertEquals(0, applied.exit(), applied.err());
    CliRun got = cli("get", "VirtualService", "-n", "demo", "--server", base, "--token-file", tokenFile.toString());
    assertEquals(0, got.exit(), got.err());
    assertTrue(got.out().contains("token-test"), got.out());
  }

  @Test
  void withoutATokenIngestIsOpen() throws Exception {
    Topics topics = Topics.defaults(); // what StackConfig.ephemeral uses
    try (Ingest open = Ingest.start(IngestConfig.local(stack.bootstrapServers(), topics))) {
      assertEquals(200, get("http://127.0.0.1:" + open.port(), "/v1/objects", null).statusCode());
    }
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
