package io.meshlog.app;

import io.meshlog.gateway.GatewayConfig;
import io.meshlog.gateway.XdsGateway;
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

  @Override
  public Integer call() throws Exception {
    kafka.ensureTopics();
    XdsGateway gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers).topics(kafka.topics())
        .host(host).port(port).gatewayId(id != null ? id : host + ":" + port).build());
    System.out.println("xDS gateway serving on " + gateway.xdsAddress());
    return RunUntilStopped.run(gateway);
  }
}
