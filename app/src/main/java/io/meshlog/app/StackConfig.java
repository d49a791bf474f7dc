package io.meshlog.app;

import io.meshlog.ingest.SourcesConfig;
import io.meshlog.schemas.Topics;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What `meshlog up` starts.
 *
 * @param bootstrapServers an existing Kafka cluster, or null to run the embedded broker
 * @param kafkaPort port of the embedded broker, 0 for a free one
 * @param ingestPort HTTP port of ingest, 0 for a free one
 * @param xdsPort ADS port of the gateway, 0 for a free one
 * @param sources the registries ingest syncs (meshlog.yaml: Kubernetes clusters, folders, VM registration)
 * @param ingestToken when present, ingest's HTTP API requires {@code Authorization: Bearer <token>}
 */
public record StackConfig(Path dataDir, String bootstrapServers, int kafkaPort, String host, int ingestPort,
    int xdsPort, Topics topics, SourcesConfig sources, Optional<String> ingestToken) {

  public StackConfig(Path dataDir, String bootstrapServers, int kafkaPort, String host, int ingestPort,
      int xdsPort, Topics topics, SourcesConfig sources) {
    this(dataDir, bootstrapServers, kafkaPort, host, ingestPort, xdsPort, topics, sources, Optional.empty());
  }

  public StackConfig(
      Path dataDir, String bootstrapServers, int kafkaPort, String host, int ingestPort, int xdsPort, Topics topics) {
    this(dataDir, bootstrapServers, kafkaPort, host, ingestPort, xdsPort, topics, SourcesConfig.none());
  }

  public StackConfig withSources(SourcesConfig newSources) {
    return new StackConfig(dataDir, bootstrapServers, kafkaPort, host, ingestPort, xdsPort, topics, newSources,
        ingestToken);
  }

  /** Require this bearer token on ingest's HTTP API (null: open). */
  public StackConfig withIngestToken(String token) {
    return new StackConfig(dataDir, bootstrapServers, kafkaPort, host, ingestPort, xdsPort, topics, sources,
        Optional.ofNullable(token));
  }

  /** Everything on free loopback ports under {@code dataDir}: for tests. */
  public static StackConfig ephemeral(Path dataDir) {
    return new StackConfig(dataDir, null, 0, "127.0.0.1", 0, 0, Topics.defaults());
  }
}
