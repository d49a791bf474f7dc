package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** One `meshlog` command run in-process, as a user would type it, with its exit code and both outputs. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** {@code meshlog apply -f FILE --server URL} of this YAML (written to a file in {@code dir}); it must succeed. */
  static CliRun apply(Path dir, String ingestUrl, String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "mesh", ".yaml");
    Files.writeString(file, yaml);
    CliRun run = of("apply", "-f", file.toString(), "--server", ingestUrl);
    assertEquals(0, run.exit(), "apply failed: " + run.err() + run.out());
    return run;
  }
}
