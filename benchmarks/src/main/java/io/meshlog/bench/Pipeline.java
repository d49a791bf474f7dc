package io.meshlog.bench;

import io.meshlog.compiler.Compiler;
import io.meshlog.compiler.CompilerConfig;
import io.meshlog.gateway.GatewayConfig;
import io.meshlog.gateway.XdsGateway;
import io.meshlog.ingest.Ingest;
import io.meshlog.ingest.IngestConfig;
import io.meshlog.kafka.EmbeddedKafka;
import io.meshlog.schemas.Topics;
import java.nio.file.Path;

/**
 * meshlog's whole pipeline in this JVM, wired as `meshlog up` wires it (app's Stack, whose endpoint accessors
 * are package-private): embedded KRaft broker, Streams compiler, one gateway, ingest.
 */
final class Pipeline implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  private final EmbeddedKafka kafka;
  private final Compiler compiler;
  private final XdsGateway gateway;
  private final Ingest ingest;

  Pipeline(Path dataDir) {
    kafka = EmbeddedKafka.start(dataDir.resolve("kafka"));
    kafka.createTopics(Topics.defaults().specs());
    compiler = Compiler.start(CompilerConfig.of(kafka.bootstrapServers(), Topics.defaults(), dataDir.resolve("compiler")));
    gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).gatewayId("bench-gateway").build());
    ingest = Ingest.start(IngestConfig.local(kafka.bootstrapServers(), Topics.defaults()));
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  String ingestUrl() {
    return ingest.url(HOST);
  }

  XdsGateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    ingest.close();
    gateway.close();
    compiler.close();
    kafka.close();
  }
}
