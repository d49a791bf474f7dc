package io.meshlog.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "meshlog", mixinStandardHelpOptions = true, version = "meshlog 0.1.0",
    description = "An event-sourced service-mesh control plane over Kafka.",
    subcommands = {UpCommand.class, ApplyCommand.class, DeleteCommand.class, GetCommand.class,
        DemoServerCommand.class, DemoClientCommand.class, IngestCommand.class, CompilerCommand.class,
        GatewayCommand.class, HistoryCommand.class, ReplayCommand.class, DiffCommand.class, RollbackCommand.class,
        AnalyzeCommand.class,
        ProxyStatusCommand.class, ProxyConfigCommand.class,
        RejectionsCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The command line, for callers that want its output streams (tests). */
  public static CommandLine commandLine() {
    // Avro 1.12 only instantiates generated classes from trusted packages.
    if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
      System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.meshlog");
    }
    return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parseResult) -> {
      // A user error (Kafka or ingest unreachable, a file missing) gets one line, not a stack trace.
      cmd.getErr().println("error: " + e.getMessage());
      cmd.getErr().flush();
      return 1;
    });
  }

  /** Runs a command and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }
}
