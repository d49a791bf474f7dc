package io.meshlog.app;

import io.meshlog.compiler.Compiler;
import io.meshlog.compiler.CompilerConfig;
import io.meshlog.gateway.GatewayConfig;
import io.meshlog.gateway.XdsGateway;
import io.meshlog.ingest.Ingest;
import io.meshlog.ingest.IngestConfig;
import io.meshlog.kafka.EmbeddedKafka;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: Kafka (embedded unless an existing cluster is given), the compiler, one
 * gateway and ingest. Used by `meshlog up` and by the end-to-end tests, so both run the same wiring.
 */
public final class Stack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Stack.class);

  private final StackConfig config;
  private final Deque<Named> started = new ArrayDeque<>();
  private final String bootstrapServers;
  private final Compiler compiler;
  private final Ingest ingest;
  private XdsGateway gateway;

  private Stack(StackConfig config) {
    this.config = config;
    if (config.bootstrapServers() == null) {
      EmbeddedKafka kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort());
      started.push(new Named("kafka", kafka));
      bootstrapServers = kafka.bootstrapServers();
    } else {
      bootstrapServers = config.bootstrapServers();
    }
    EmbeddedKafka.createTopics(bootstrapServers, config.topics().specs());
    compiler = Compiler.start(CompilerConfig.of(bootstrapServers, config.topics(), config.dataDir().resolve("compiler")));
    started.push(new Named("compiler", compiler));
    gateway = XdsGateway.start(gatewayConfig(config.xdsPort()));
    started.push(new Named("gateway", () -> gateway.close()));
    ingest = Ingest.start(new IngestConfig(bootstrapServers, config.topics(), config.host(), config.ingestPort(), "api", "",
        config.ingestToken()), config.sources());
    started.push(new Named("ingest", ingest));
  }

  public static Stack start(StackConfig config) {
    return new Stack(config);
  }

  private GatewayConfig gatewayConfig(int port) {
    return GatewayConfig.builder(bootstrapServers).topics(config.topics()).host(config.host()).port(port)
        .gatewayId("gateway-" + config.host() + "-" + (port == 0 ? "auto" : port)).build();
  }

  /** Stops the gateway and starts a new one on the same port: it catches up from the log before serving. */
  public XdsGateway restartGateway() {
    int port = gateway.port();
    gateway.close();
    gateway = XdsGateway.start(gatewayConfig(port));
    return gateway;
  }

  public Endpoints endpoints() {
    return new Endpoints(ingest.url(config.host()), gateway.xdsAddress(), bootstrapServers);
  }

  public XdsGateway gateway() {
    return gateway;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops everything, last started first. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      Named next = started.pop();
      try {
        next.component().close();
        log.info("stopped {}", next.name());
      } catch (Exception e) {
        log.warn("error while stopping {}", next.name(), e);
      }
    }
  }

  private record Named(String name, AutoCloseable component) {}
}
