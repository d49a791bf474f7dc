package io.meshlog.app;

import io.meshlog.history.EventLog;
import io.meshlog.history.MeshState;
import io.meshlog.history.RollbackPlan;
import io.meshlog.history.kafka.EventWriter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Publish compensating config events that bring config back to its state at T (history keeps "
        + "everything; the rollback is itself a change). Workloads are left alone unless --include-workloads.")
final class RollbackCommand implements Callable<Integer> {
  @Option(names = "--to", required = true, description = "T (same forms as replay --at)")
  String to;

  @Option(names = "--dry-run", description = "Show the events that would be published; publish nothing")
  boolean dryRun;

  @Option(names = "--include-workloads", description = "Also restore workloads (WorkloadEntries, endpoints) as at T")
  boolean includeWorkloads;

  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Instant now = Instant.now();
    EventLog events = log.readEvents();
    TimeTravel target = TimeTravel.at(events, to, now);
    MeshState current = MeshState.at(events, events.end());
    String appliedBy = Who.userAtHost() + " (meshlog rollback --to " + to + ")";
    List<RollbackPlan.Step> steps = RollbackPlan.plan(target.state(), current, includeWorkloads, appliedBy, now);
    Map<String, String> heading = new LinkedHashMap<>();
    heading.put(dryRun ? "dry run: would roll back to" : "rolling back to", target.describe(events));
    heading.put("from", events.end().toString());
    PrintWriter out = spec.commandLine().getOut();
    out.print(RollbackPlan.text(steps, heading));
    if (!dryRun && !steps.isEmpty()) {
      try (EventWriter writer = new EventWriter(log.resolveBootstrapServers(), log.topics())) {
        writer.publish(steps);
      }
      out.println(steps.size() + " compensating event(s) published");
    }
    out.flush();
    return 0;
  }
}
