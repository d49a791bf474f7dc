package io.meshlog.ingest;

import io.meshlog.schemas.Topics;

/**
 * How an ingest instance connects and how it names itself in the events it writes.
 *
 * @param port HTTP port of the apply API on {@code host}; 0 picks a free one
 * @param registry registry kind recorded on events applied through this instance, e.g. {@code api}
 * @param cluster cluster ID recorded on events; empty when the registry has none
 */
public record IngestConfig(String bootstrapServers, Topics topics, String host, int port, String registry, String cluster) {

  public static IngestConfig local(String bootstrapServers, Topics topics) {
    return new IngestConfig(bootstrapServers, topics, "127.0.0.1", 0, "api", "");
  }

  public IngestConfig withPort(int newPort) {
    return new IngestConfig(bootstrapServers, topics, host, newPort, registry, cluster);
  }
}
