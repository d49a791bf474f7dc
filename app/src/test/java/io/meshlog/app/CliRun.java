package io.meshlog.app;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
