package io.meshlog.app;

import io.meshlog.history.ConfigDumps;
import io.meshlog.history.EventLog;
import io.meshlog.history.FidelityCheck;
import io.meshlog.history.MeshState;
import io.meshlog.history.kafka.LogReader;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Rebuild the mesh at T from the events alone and print its objects as YAML; with --proxy, the "
        + "xDS resources that proxy was served at T as an Envoy config dump (JSON).")
final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--at", required = true,
      description = "T: ISO-8601 (2026-03-01T10:15:30Z), relative (-15m, -2h, now), offset:<configEnd>,<workloadEnd> or @N")
  String at;

  @Option(names = "--proxy", description = "A node id recorded by a gateway, or a proxy class (sidecar, grpc)")
  String proxy;

  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Instant now = Instant.now();
    LogReader reader = log.reader();
    String proxyClass = proxy == null ? null : reader.proxies().proxyClass(proxy);
    EventLog events = log.readEvents();
    TimeTravel tt = TimeTravel.at(events, at, now);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("# mesh at " + tt.describe(events));
    if (proxyClass == null) {
      out.print(tt.state().yaml());
    } else {
      FidelityCheck.warning(reader.servedCompilerVersions()).ifPresent(err::println);
      MeshState.Compiled compiled = tt.state().compile();
      compiled.skipped().forEach(s -> err.println("warning: skipped " + s));
      out.print(ConfigDumps.json(compiled.ofClass(proxyClass).values()));
    }
    out.flush();
    err.flush();
    return 0;
  }
}
