package io.meshlog.compiler;

import io.meshlog.schemas.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the compiler Streams app.
 *
 * @param stateDir local directory for the state store; unique per instance
 * @param overrides extra Streams properties, applied last
 */
public record CompilerConfig(
    String bootstrapServers, Topics topics, String applicationId, Path stateDir, Map<String, Object> overrides) {

  public CompilerConfig {
    overrides = Map.copyOf(overrides);
  }

  public static CompilerConfig of(String bootstrapServers, Topics topics, Path stateDir) {
    return new CompilerConfig(bootstrapServers, topics, "meshlog-compiler-" + topics.configEvents(), stateDir, Map.of());
  }

  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // At-least-once: the output is a deterministic function of the input, so a replayed event re-emits
    // identical bytes; exactly-once would add its commit interval to every change's latency.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    p.put(StreamsConfig.producerPrefix("linger.ms"), 0);
    p.put(StreamsConfig.producerPrefix("acks"), "all");
    // Large per-port aggregates (see Topics.MAX_RESOURCE_BYTES) must fit in one request.
    p.put(StreamsConfig.producerPrefix("max.request.size"), Topics.MAX_RESOURCE_BYTES);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    // A compiler that died without leaving the group is replaced after 10 s, not the default 45 s.
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2_000);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    // Opt in now to what Kafka 5.0 makes the default (and silence its start-up warning).
    p.put("processing.exception.handler.global.enabled", true);
    p.putAll(overrides);
    return p;
  }
}
