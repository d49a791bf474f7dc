package io.meshlog.app;

import io.meshlog.history.EventLog;
import io.meshlog.history.History;
import io.meshlog.history.HistoryEntry;
import io.meshlog.history.HistoryQuery;
import io.meshlog.history.TimeSpec;
import io.meshlog.history.TimeTravelException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Every change in the log, oldest first: time, point (@N, offset:c,w), operation, object, source, "
        + "who applied it, and a field-level diff against the object's previous version.")
final class HistoryCommand implements Callable<Integer> {
  @Option(names = "--kind", description = "Only this kind (VirtualService, WorkloadEntry, ...)")
  String kind;

  @Option(names = "--name", description = "Only objects with this name")
  String name;

  @Option(names = {"-n", "--namespace"}, description = "Only this namespace")
  String namespace;

  @Option(names = "--cluster", description = "Only changes from this cluster")
  String cluster;

  @Option(names = "--source", description = "Only changes from this registry (api, kubernetes, ...) or registry/cluster")
  String source;

  @Option(names = "--since", description = "Only changes at or after T (ISO-8601 or relative, e.g. -1h)")
  String since;

  @Option(names = "--until", description = "Only changes at or before T")
  String until;

  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json")
  String output;

  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!output.equals("table") && !output.equals("json")) {
      throw new TimeTravelException("--output must be table or json, not " + output);
    }
    Instant now = Instant.now();
    HistoryQuery query = HistoryQuery.builder().kind(kind).name(name).namespace(namespace).cluster(cluster)
        .source(source).since(instant(since, "--since", now)).until(instant(until, "--until", now)).build();
    EventLog events = log.readEvents();
    List<HistoryEntry> entries = History.entries(events, query);
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("json")) {
      out.println(History.json(entries).toPrettyString());
    } else {
      out.print(History.table(entries));
    }
    out.flush();
    return 0;
  }

  private static Instant instant(String text, String option, Instant now) {
    if (text == null) {
      return null;
    }
    if (TimeSpec.parse(text, now) instanceof TimeSpec.AtInstant a) {
      return a.instant();
    }
    throw new TimeTravelException(option + " takes a time (ISO-8601 or relative like -15m), not " + text);
  }
}
