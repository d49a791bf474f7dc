package io.meshlog.ingest;

import io.meshlog.schemas.Topics;
import java.util.Objects;
import java.util.Optional;

/**
 * How an ingest instance connects and how it names itself in the events it writes.
 *
 * @param port HTTP port of the apply API on {@code host}; 0 picks a free one
 * @param registry registry kind recorded on events applied through this instance, e.g. {@code api}
 * @param cluster cluster ID recorded on events; empty when the registry has none
 * @param token when present, every HTTP request but {@code /healthz} needs {@code Authorization: Bearer <token>}
 */
public record IngestConfig(String bootstrapServers, Topics topics, String host, int port, String registry, String cluster,
    Optional<String> token) {

  public IngestConfig {
    Objects.requireNonNull(token, "token");
    if (token.isPresent() && token.get().isBlank()) {
      throw new IllegalArgumentException("ingest token must not be blank");
    }
  }

  /** Without a token: the API is open (local development on loopback). */
  public IngestConfig(String bootstrapServers, Topics topics, String host, int port, String registry, String cluster) {
    this(bootstrapServers, topics, host, port, registry, cluster, Optional.empty());
  }

  public static IngestConfig local(String bootstrapServers, Topics topics) {
    return new IngestConfig(bootstrapServers, topics, "127.0.0.1", 0, "api", "");
  }

  public IngestConfig withPort(int newPort) {
    return new IngestConfig(bootstrapServers, topics, host, newPort, registry, cluster, token);
  }

  /** Requires {@code Authorization: Bearer <token>} on the HTTP API (null: open). */
  public IngestConfig withToken(String newToken) {
    return new IngestConfig(bootstrapServers, topics, host, port, registry, cluster, Optional.ofNullable(newToken));
  }
}
