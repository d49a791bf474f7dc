package io.meshlog.gateway;

import io.meshlog.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How one gateway connects to Kafka and where it serves xDS.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics topic names (resources are read from {@code xdsResources}, status goes to {@code gatewayStatus})
 * @param host address the xDS server binds to
 * @param port xDS port; 0 picks a free one (see {@link XdsGateway#port()})
 * @param gatewayId key of this gateway's records on the status topic
 * @param incompleteBatchTimeout after READY, a batch still missing records after this long is applied anyway
 * @param consumerProperties extra Kafka consumer properties (security, timeouts...)
 * @param producerProperties extra Kafka producer properties for the status and proxies topics
 * @param staticResources when present, serve these instead of the resource topic and write nothing to Kafka
 * @param adminPort HTTP port of /metrics, /ready and /debug/* on {@code host}; 0 picks one, -1 serves none
 * @param maxServingLag once READY, a gateway more than this many records behind the log's end refuses new
 *     streams (UNAVAILABLE, gRPC health NOT_SERVING) until it is back within it; open streams are kept
 * @param tls when present, xDS is served over TLS and requires client certificates; absent means plaintext
 * @param feedGate lets tests hold the resource feed ({@link FeedGate#OPEN} in production)
 * @param streamLimits server threads and how many first responses may be in flight at once
 */
public record GatewayConfig(
    String bootstrapServers,
    Topics topics,
    String host,
    int port,
    String gatewayId,
    Duration incompleteBatchTimeout,
    Map<String, Object> consumerProperties,
    Map<String, Object> producerProperties,
    Optional<StaticResources> staticResources,
    int adminPort,
    long maxServingLag,
    Optional<GatewayTls> tls,
    FeedGate feedGate,
    StreamLimits streamLimits) {

  public GatewayConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(incompleteBatchTimeout, "incompleteBatchTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    consumerProperties = Map.copyOf(consumerProperties);
    producerProperties = Map.copyOf(producerProperties);
    Objects.requireNonNull(staticResources, "staticResources");
    if (adminPort < -1 || adminPort > 65535) {
      throw new IllegalArgumentException("adminPort out of range: " + adminPort);
    }
    if (maxServingLag < 0) {
      throw new IllegalArgumentException("maxServingLag must be >= 0: " + maxServingLag);
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(feedGate, "feedGate");
    Objects.requireNonNull(streamLimits, "streamLimits");
  }

  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  public Builder toBuilder() {
    return new Builder(bootstrapServers)
        .topics(topics)
        .host(host)
        .port(port)
        .gatewayId(gatewayId)
        .incompleteBatchTimeout(incompleteBatchTimeout)
        .consumerProperties(consumerProperties)
        .producerProperties(producerProperties)
        .staticResources(staticResources.orElse(null))
        .adminPort(adminPort)
        .maxServingLag(maxServingLag)
        .tls(tls.orElse(null))
        .feedGate(feedGate)
        .streamLimits(streamLimits);
  }

  /**
   * Defaults: meshlog's default topics, 127.0.0.1, ephemeral xDS and admin ports, a random gateway id, 5 s
   * batch timeout, refuse new streams when more than 10,000 records behind, plaintext.
   */
  public static final class Builder {
    private final String bootstrapServers;
    private Topics topics = Topics.defaults();
    private String host = "127.0.0.1";
    private int port = 0;
    private String gatewayId = "gateway-" + UUID.randomUUID();
    private Duration incompleteBatchTimeout = Duration.ofSeconds(5);
    private Map<String, Object> consumerProperties = Map.of();
    private Map<String, Object> producerProperties = Map.of();
    private StaticResources staticResources;
    private int adminPort = 0;
    private long maxServingLag = 10_000;
    private StreamLimits streamLimits = StreamLimits.defaults();
    private GatewayTls tls;
    private FeedGate feedGate = FeedGate.OPEN;

    private Builder(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    public Builder topics(Topics topics) {
      this.topics = topics;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder gatewayId(String gatewayId) {
      this.gatewayId = gatewayId;
      return this;
    }

    public Builder incompleteBatchTimeout(Duration timeout) {
      this.incompleteBatchTimeout = timeout;
      return this;
    }

    public Builder consumerProperties(Map<String, Object> properties) {
      this.consumerProperties = properties;
      return this;
    }

    public Builder producerProperties(Map<String, Object> properties) {
      this.producerProperties = properties;
      return this;
    }

    /** Serve a fixed set of resources (null: the resource topic). */
    public Builder staticResources(StaticResources resources) {
      this.staticResources = resources;
      return this;
    }

    public Builder adminPort(int adminPort) {
      this.adminPort = adminPort;
      return this;
    }

    public Builder maxServingLag(long records) {
      this.maxServingLag = records;
      return this;
    }

    /** Serve xDS over mutual TLS (null: plaintext). */
    public Builder tls(GatewayTls tls) {
      this.tls = tls;
      return this;
    }

    /** For tests: hold the resource feed while the gate says so. */
    public Builder feedGate(FeedGate gate) {
      this.feedGate = gate;
      return this;
    }

    /** Server threads and the bound on first responses in flight ({@link StreamLimits#defaults()}). */
    public Builder streamLimits(StreamLimits limits) {
      this.streamLimits = limits;
      return this;
    }

    public GatewayConfig build() {
      return new GatewayConfig(
          bootstrapServers, topics, host, port, gatewayId, incompleteBatchTimeout, consumerProperties,
          producerProperties, Optional.ofNullable(staticResources), adminPort, maxServingLag,
          Optional.ofNullable(tls), feedGate, streamLimits);
    }
  }
}
