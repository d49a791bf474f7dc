package io.meshlog.gateway;

import io.meshlog.events.ProxyStatus;
import io.meshlog.events.TypeSyncStatus;
import io.meshlog.schemas.Serdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each node's {@link SyncTracker.NodeView} to the compacted proxy-status topic, keyed
 * {@code nodeId|gatewayId}. Changes only mark the node dirty; a flush every {@link #INTERVAL} writes each
 * dirty node once, so a proxy costs at most a few records a second however fast it is pushed to, and an xDS
 * stream never waits on Kafka. A node with no open stream left is written as a tombstone.
 */
final class ProxyStatusPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProxyStatusPublisher.class);
  static final Duration INTERVAL = Duration.ofMillis(250);

  private final GatewayConfig config;
  private final KafkaProducer<String, ProxyStatus> producer;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService flusher;
  private Function<String, SyncTracker.NodeView> views = n -> null;

  ProxyStatusPublisher(GatewayConfig config) {
    this.config = config;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "meshlog-proxy-status-" + config.gatewayId());
    props.putAll(config.producerProperties());
    this.producer = new KafkaProducer<>(props, new StringSerializer(), Serdes.PROXY_STATUS.serializer());
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "meshlog-proxy-status-" + config.gatewayId());
      t.setDaemon(true);
      return t;
    });
  }

  /** Where views come from (set once the tracker exists); starts the periodic flush. */
  void start(Function<String, SyncTracker.NodeView> viewOf) {
    this.views = viewOf;
    flusher.scheduleWithFixedDelay(this::flush, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Marks a node for the next flush (called on every change; cheap, never blocks). */
  void changed(String nodeId) {
    dirty.add(nodeId);
  }

  static String key(String nodeId, String gatewayId) {
    return nodeId + "|" + gatewayId;
  }

  private void flush() {
    try {
      List<String> nodes = new ArrayList<>(dirty);
      dirty.removeAll(nodes);
      for (String node : nodes) {
        SyncTracker.NodeView v = views.apply(node);
        ProxyStatus value = v == null ? null : record(v, config.gatewayId());
        producer.send(new ProducerRecord<>(config.topics().proxyStatus(), key(node, config.gatewayId()), value),
            (meta, e) -> {
              if (e != null) {
                log.warn("cannot publish proxy status node={}: {}", node, e.getMessage());
              }
            });
      }
    } catch (RuntimeException e) {
      log.warn("proxy status flush failed: {}", e.toString());
    }
  }

  static ProxyStatus record(SyncTracker.NodeView v, String gatewayId) {
    Map<String, TypeSyncStatus> types = new TreeMap<>();
    v.types().forEach((type, t) -> types.put(type, new TypeSyncStatus(t.sent(), t.acked(), t.error(),
        t.lastPush() == 0 ? null : t.lastPush())));
    return ProxyStatus.newBuilder().setNodeId(v.nodeId()).setGatewayId(gatewayId).setProxyClass(v.proxyClass())
        .setIdentity(v.identity()).setStreams(v.streams()).setTypes(types).setTime(Instant.now()).build();
  }

  /** Writes what is pending, then tombstones for every node still listed: this gateway serves none now. */
  void close(Iterable<String> stillOpen) {
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stillOpen.forEach(dirty::add);
    views = n -> null;
    flush();
    close();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
