package io.meshlog.app;

import io.meshlog.events.GatewayStatus;
import io.meshlog.events.ProxyStatus;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "proxy-config", mixinStandardHelpOptions = true,
    description = "The xDS resources a connected proxy was last sent (JSON), from the admin endpoint "
        + "/debug/config_dump of the gateway it is connected to (found on the proxy-status topic).")
final class ProxyConfigCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NODE_ID", description = "The proxy's node id")
  String nodeId;

  @Option(names = "--admin", description = "Ask this gateway admin address (host:port) instead of looking it up")
  String admin;

  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String address = admin != null ? admin : lookUp();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address
            + "/debug/config_dump?proxy=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("gateway " + address + " answered " + r.statusCode() + ": " + r.body().strip());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(r.body());
    out.flush();
    return 0;
  }

  private String lookUp() {
    String servers = log.resolveBootstrapServers();
    Map<String, GatewayStatus> gateways = StatusTopics.gateways(servers, log.topics());
    for (ProxyStatus p : StatusTopics.proxies(servers, log.topics(), gateways).values()) {
      GatewayStatus g = gateways.get(p.getGatewayId());
      if (p.getNodeId().equals(nodeId) && g != null && g.getAdminAddress() != null) {
        return g.getAdminAddress();
      }
    }
    throw new IllegalArgumentException("no connected proxy " + nodeId + " with a gateway admin address "
        + "(see meshlog proxy-status, or pass --admin)");
  }
}
