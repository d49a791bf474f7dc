package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A bad meshlog.yaml stops `up` and `ingest` before anything starts, with one line naming the field. */
class ConfigOptionTest {
  @TempDir Path dir;

  @Test
  void aBadConfigFileFailsUpAndIngestNamingTheField() throws Exception {
    Path bad = dir.resolve("meshlog.yaml");
    Files.writeString(bad, "clusters:\n  - {id: a, contxt: kind-a}\n");
    // Nothing listens on the Kafka port given: reaching Kafka before reading the file would fail differently.
    for (String[] args : new String[][] {
        {"up", "--data-dir", dir.resolve("data").toString(), "--bootstrap-servers", "127.0.0.1:1", "--config", bad.toString()},
        {"ingest", "--bootstrap-servers", "127.0.0.1:1", "--host", "127.0.0.1", "--port", "0", "--config", bad.toString(),
            "--no-auth"}}) {
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine();
      cmd.setErr(new PrintWriter(err));
      assertEquals(1, cmd.execute(args), args[0]);
      assertTrue(err.toString().startsWith("error: " + bad + ": clusters[0].contxt: unknown field"), err.toString());
    }
  }

  @Test
  void ingestServesOpenOnlyWhenToldTo() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "s3cret\n");
    // Nothing listens on the Kafka port: each run must stop at the flag check, before reaching Kafka.
    String[] base = {"ingest", "--bootstrap-servers", "127.0.0.1:1", "--host", "127.0.0.1", "--port", "0"};
    CliRun neither = CliRun.of(base);
    assertEquals(1, neither.exit());
    assertTrue(neither.err().contains("give --token-file FILE"), neither.err());
    String[] both = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.stream.Stream.of("--no-auth", "--token-file", token.toString())).toArray(String[]::new);
    CliRun conflicting = CliRun.of(both);
    assertEquals(1, conflicting.exit());
    assertTrue(conflicting.err().contains("--no-auth cannot be combined with --token-file"), conflicting.err());
  }

  @Test
  void gatewayServesPlaintextOnlyWhenToldTo() {
    // Nothing listens on the Kafka port: each run must stop at the flag check, before reaching Kafka.
    CliRun neither = CliRun.of("gateway", "--bootstrap-servers", "127.0.0.1:1", "--host", "127.0.0.1", "--port", "0");
    assertEquals(1, neither.exit());
    assertTrue(neither.err().contains("give --tls-cert, --tls-key and --tls-client-ca, or --plaintext"), neither.err());
    CliRun both = CliRun.of("gateway", "--bootstrap-servers", "127.0.0.1:1", "--plaintext",
        "--tls-cert", dir.resolve("c.pem").toString());
    assertEquals(1, both.exit());
    assertTrue(both.err().contains("--plaintext cannot be combined with --tls-*"), both.err());
  }
}
