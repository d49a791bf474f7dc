package io.meshlog.app;

import io.meshlog.gateway.GatewayConfig;
import io.meshlog.gateway.XdsGateway;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Run one xDS gateway against a Kafka cluster; it serves once caught up with the log. Run as many as you like.")
final class GatewayCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(names = "--host", defaultValue = "0.0.0.0")
  String host;

  @Option(names = "--port", defaultValue = "15010")
  int port;

  @Option(names = "--id", description = "Gateway id in status records (default: host:port)")
  String id;

  @Option(names = "--at", description = "Serve the mesh as it stood at T (same forms as replay --at), compiled from "
      + "the events; follows nothing and writes nothing")
  String at;

  @Override
  public Integer call() throws Exception {
    GatewayConfig.Builder config = GatewayConfig.builder(kafka.bootstrapServers).topics(kafka.topics())
        .host(host).port(port).gatewayId(id != null ? id : host + ":" + port);
    if (at != null) {
      config.staticResources(FrozenMesh.at(kafka.bootstrapServers, kafka.topics(), at, Instant.now()));
    } else {
      kafka.ensureTopics();
    }
    XdsGateway gateway = XdsGateway.start(config.build());
    System.out.println("xDS gateway serving on " + gateway.xdsAddress()
        + (at != null ? " (frozen at " + config.build().staticResources().get().description() + ")" : ""));
    return RunUntilStopped.run(gateway);
  }
}
