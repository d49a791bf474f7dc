package io.meshlog.gateway;

import io.meshlog.events.XdsResource;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted resource topic from the beginning (all partitions, manual assignment, no group: every
 * gateway needs everything) and applies it to {@link ClassSnapshots}: in bulk up to the end offsets seen at
 * start ({@link #catchUp()}), then batch by batch ({@link #startFollowing()}).
 */
final class ResourceFeed implements ResourceSource {
  private static final Logger log = LoggerFactory.getLogger(ResourceFeed.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);
  private static final Duration LAG_CHECK = Duration.ofMillis(500);

  private final GatewayConfig config;
  private final ClassSnapshots snapshots;
  private final KafkaConsumer<String, byte[]> consumer;
  private final BatchAssembler batches = new BatchAssembler();
  private final Map<String, Long> applied = new ConcurrentHashMap<>();
  private volatile boolean closing;
  private volatile long lag;
  private Thread follower;

  ResourceFeed(GatewayConfig config, ClassSnapshots snapshots) {
    this.config = config;
    this.snapshots = snapshots;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshlog-" + config.gatewayId());
    props.putAll(config.consumerProperties());
    // Values are decoded here rather than by a Deserializer so one undecodable record is skipped, not fatal.
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Consumes up to the end offsets read first, then applies everything held at once (latest per key wins;
   * batches still incomplete at that point are applied too, since compaction may have removed their
   * superseded records). Returns the end offsets caught up to, by "topic-partition".
   */
  @Override
  public Map<String, Long> catchUp() {
    List<TopicPartition> partitions = partitions();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    log.info("catching up topic={} endOffsets={}", config.topics().xdsResources(), end);
    Map<String, XdsResource> latest = new LinkedHashMap<>();
    long now = System.currentTimeMillis();
    while (!caughtUp(end)) {
      lag = remaining(end);
      if (config.feedGate().held()) {
        sleep(POLL);
        continue;
      }
      for (ConsumerRecord<String, byte[]> rec : consumer.poll(POLL)) {
        XdsResource r = decode(rec);
        if (r != null) {
          String key = Keys.resource(r.getProxyClass(), r.getTypeUrl(), r.getName());
          latest.remove(key); // keep log order of the latest write per key
          latest.put(key, r);
          batches.add(r, now);
        }
        applied.put(rec.topic() + "-" + rec.partition(), rec.offset() + 1);
      }
    }
    lag = 0;
    batches.forgetHeldRecords(System.currentTimeMillis());
    snapshots.apply(new ArrayList<>(latest.values()));
    Map<String, Long> out = new TreeMap<>();
    end.forEach((tp, off) -> out.put(tp.toString(), off));
    log.info("caught up topic={} records={} classes={} incompleteBatches={}",
        config.topics().xdsResources(), latest.size(), snapshots.classes(), batches.pendingBatches());
    return out;
  }

  /** Follows the topic on a daemon thread, applying complete batches (and stale incomplete ones). */
  @Override
  public void startFollowing() {
    follower = new Thread(this::follow, "meshlog-feed-" + config.gatewayId());
    follower.setDaemon(true);
    follower.start();
  }

  /** Offsets applied so far, by "topic-partition" (next offset to read). */
  @Override
  public Map<String, Long> appliedOffsets() {
    return new TreeMap<>(applied);
  }

  private void follow() {
    long timeoutMs = config.incompleteBatchTimeout().toMillis();
    long nextLagCheck = 0;
    try {
      while (!closing) {
        holdOrResume();
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> rec : records) {
          XdsResource r = decode(rec);
          if (r != null) {
            batches.add(r, now).ifPresent(this::applyBatch);
          }
          applied.put(rec.topic() + "-" + rec.partition(), rec.offset() + 1);
        }
        if (now >= nextLagCheck) {
          measureLag();
          nextLagCheck = now + LAG_CHECK.toMillis();
        }
        for (BatchAssembler.Expired e : batches.expire(now, timeoutMs)) {
          log.warn("applying incomplete batch id={} records={} missing={} after {} ms",
              e.batchId(), e.records().size(), e.missing(), timeoutMs);
          snapshots.apply(e.records());
        }
      }
    } catch (WakeupException e) {
      if (!closing) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("resource feed stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void applyBatch(List<XdsResource> batch) {
    var changed = snapshots.apply(batch);
    if (log.isDebugEnabled()) {
      log.debug("applied batch id={} size={} changedClasses={}",
          batch.get(0).getBatch().getId(), batch.size(), changed);
    }
  }

  @Override
  public long lag() {
    return lag;
  }

  /**
   * End offsets minus position, asked of the broker (one small request per {@link #LAG_CHECK}): unlike the
   * consumer's fetch metadata this stays true while the feed reads nothing. Keeps the last value on failure.
   */
  private void measureLag() {
    try {
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), LAG_CHECK);
      lag = remaining(end);
    } catch (KafkaException e) {
      log.debug("cannot measure lag: {}", e.getMessage());
    }
  }

  /** Pauses the partitions while the gate holds the feed (poll then only waits), resumes them after. */
  private void holdOrResume() {
    boolean held = config.feedGate().held();
    if (held && consumer.paused().isEmpty()) {
      consumer.pause(consumer.assignment());
    } else if (!held && !consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private long remaining(Map<TopicPartition, Long> end) {
    long total = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      total += Math.max(0, e.getValue() - consumer.position(e.getKey()));
    }
    return total;
  }

  private boolean caughtUp(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private List<TopicPartition> partitions() {
    String topic = config.topics().xdsResources();
    long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> out = new ArrayList<>();
        infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        return out;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " does not exist (waited " + TOPIC_WAIT + ")");
      }
      log.info("waiting for topic {}", topic);
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
      }
    }
  }

  /** Null for tombstones (they only let compaction drop removed keys) and for undecodable records. */
  private static XdsResource decode(ConsumerRecord<String, byte[]> rec) {
    if (rec.value() == null) {
      return null;
    }
    try {
      return Serdes.XDS_RESOURCE.fromBytes(rec.value());
    } catch (RuntimeException e) {
      log.warn("skipping undecodable record {}-{}@{} key={}: {}",
          rec.topic(), rec.partition(), rec.offset(), rec.key(), e.getMessage());
      return null;
    }
  }

  @Override
  public void close() {
    closing = true;
    if (follower != null) {
      consumer.wakeup();
      try {
        follower.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
