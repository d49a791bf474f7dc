package io.meshlog.app;

import io.meshlog.history.EventLog;
import io.meshlog.history.MeshState;
import io.meshlog.history.StateDiff;
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

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Objects added, removed and changed (with field diffs) between two points; with --proxy, also the "
        + "xDS resources of that proxy.")
final class DiffCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, description = "T1 (same forms as replay --at)")
  String from;

  @Option(names = "--to", defaultValue = "now", description = "T2 (default: ${DEFAULT-VALUE})")
  String to;

  @Option(names = "--proxy", description = "A node id recorded by a gateway, or a proxy class (sidecar, grpc)")
  String proxy;

  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Instant now = Instant.now();
    String proxyClass = proxy == null ? null : log.reader().proxies().proxyClass(proxy);
    EventLog events = log.readEvents();
    TimeTravel a = TimeTravel.at(events, from, now);
    TimeTravel b = TimeTravel.at(events, to, now);
    List<StateDiff.ResourceChange> resources = null;
    if (proxyClass != null) {
      MeshState.Compiled ca = a.state().compile();
      MeshState.Compiled cb = b.state().compile();
      resources = StateDiff.resources(ca.ofClass(proxyClass), cb.ofClass(proxyClass));
    }
    Map<String, String> heading = new LinkedHashMap<>();
    heading.put("from", a.describe(events));
    heading.put("to", b.describe(events));
    if (proxyClass != null) {
      heading.put("proxy", proxy + " (class " + proxyClass + ")");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(StateDiff.text(StateDiff.objects(a.state(), b.state()), resources, heading));
    out.flush();
    return 0;
  }
}
