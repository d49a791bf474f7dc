package io.meshlog.bench;

import io.meshlog.events.XdsResource;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the resource topic: to see when the compiler has caught up, and how many bytes it holds. */
final class ResourceTopic implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final String sourceKey;
  private final Map<String, Integer> latestBytes = new HashMap<>();
  private long totalBytes;
  private long records;
  private long compiledUpTo = -1;

  ResourceTopic(String bootstrapServers, Topics topics) {
    consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "group.id", "bench-" + UUID.randomUUID(),
        "enable.auto.commit", false, "max.partition.fetch.bytes", 16 << 20),
        new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts = consumer.partitionsFor(topics.xdsResources()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    sourceKey = topics.configEvents() + "-0";
  }

  /** Reads until a record compiled from config-event offset {@code offset} (or later) has been seen. */
  void awaitCompiled(long offset, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (compiledUpTo < offset) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("compiler did not reach config offset " + offset + " (at " + compiledUpTo + ")");
      }
      poll();
    }
  }

  /** Reads to the current end of every partition. */
  void readToEnd() {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      poll();
    }
  }

  private void poll() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
      records++;
      int size = r.key().length() + (r.value() == null ? 0 : r.value().length);
      totalBytes += size;
      if (r.value() == null) {
        latestBytes.remove(r.key());
        continue;
      }
      latestBytes.put(r.key(), size);
      XdsResource x = Serdes.XDS_RESOURCE.fromBytes(r.value());
      Long source = x.getSourceOffsets().get(sourceKey);
      if (source != null) {
        compiledUpTo = Math.max(compiledUpTo, source);
      }
    }
  }

  /** Bytes as compaction leaves them (latest record per key) and as written, and record counts. */
  Map<String, Object> footprint() {
    readToEnd();
    long compacted = latestBytes.values().stream().mapToLong(Integer::longValue).sum();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keys", latestBytes.size());
    m.put("compacted_bytes", compacted);
    m.put("records_written", records);
    m.put("bytes_written", totalBytes);
    return m;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
