package io.meshlog.app;

import io.meshlog.events.GatewayStatus;
import io.meshlog.events.ProxyStatus;
import io.meshlog.events.TypeSyncStatus;
import io.meshlog.schemas.XdsTypes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "proxy-status", mixinStandardHelpOptions = true,
    description = "Each connected proxy with its gateway and, per xDS type, SYNCED (the version sent was ACKed), "
        + "STALE (sent but not ACKed yet), NACKED (rejected; the proxy's error is shown) or NOT SENT.")
final class ProxyStatusCommand implements Callable<Integer> {
  private static final List<String> TYPES = List.of(XdsTypes.CLUSTER, XdsTypes.LISTENER, XdsTypes.ENDPOINT, XdsTypes.ROUTE);
  private static final List<String> HEADERS = List.of("CDS", "LDS", "EDS", "RDS");

  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String servers = log.resolveBootstrapServers();
    Map<String, GatewayStatus> gateways = StatusTopics.gateways(servers, log.topics());
    Map<String, ProxyStatus> proxies = StatusTopics.proxies(servers, log.topics(), gateways);
    PrintWriter out = spec.commandLine().getOut();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("NAME", "GATEWAY", "CLASS", "IDENTITY"));
    header.addAll(HEADERS);
    rows.add(header);
    List<String> details = new ArrayList<>();
    for (ProxyStatus p : proxies.values()) {
      List<String> row = new ArrayList<>(List.of(p.getNodeId(), p.getGatewayId(), p.getProxyClass(),
          p.getIdentity() == null ? "-" : p.getIdentity()));
      for (int i = 0; i < TYPES.size(); i++) {
        TypeSyncStatus t = p.getTypes().get(TYPES.get(i));
        String sync = sync(t);
        row.add(sync);
        if (sync.equals("NACKED") || sync.equals("STALE")) {
          details.add(p.getNodeId() + " " + HEADERS.get(i) + " " + sync + ": sent " + t.getVersionSent()
              + ", acked " + (t.getVersionAcked() == null ? "none" : t.getVersionAcked())
              + (t.getNackError() == null ? "" : ", error: " + t.getNackError()));
        }
      }
      rows.add(row);
    }
    printTable(out, rows);
    details.forEach(out::println);
    out.flush();
    return 0;
  }

  /** Left-aligned columns as wide as their widest cell. */
  private static void printTable(PrintWriter out, List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    rows.forEach(r -> {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    });
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (width[i] + 3) + "s", r.get(i)));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** As istioctl proxy-status says it; STALE = sent but not ACKed (the gateway pushes every change at once). */
  static String sync(TypeSyncStatus t) {
    if (t == null || t.getVersionSent() == null) {
      return "NOT SENT";
    }
    if (t.getNackError() != null) {
      return "NACKED";
    }
    return t.getVersionSent().equals(t.getVersionAcked()) ? "SYNCED" : "STALE";
  }
}
