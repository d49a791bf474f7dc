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
        {"ingest", "--bootstrap-servers", "127.0.0.1:1", "--host", "127.0.0.1", "--port", "0", "--config", bad.toString()}}) {
      StringWriter err = new StringWriter();
      CommandLine cmd = Main.commandLine();
      cmd.setErr(new PrintWriter(err));
      assertEquals(1, cmd.execute(args), args[0]);
      assertTrue(err.toString().startsWith("error: " + bad + ": clusters[0].contxt: unknown field"), err.toString());
    }
  }
}
