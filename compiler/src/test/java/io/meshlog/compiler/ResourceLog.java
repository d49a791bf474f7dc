package io.meshlog.compiler;

import io.meshlog.events.XdsResource;
import io.meshlog.schemas.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the resource topic from the beginning; tombstones are kept as null values. */
final class ResourceLog implements AutoCloseable {
  record Entry(String key, XdsResource value) {}

  private final KafkaConsumer<String, byte[]> consumer;
  final List<Entry> entries = new ArrayList<>();

  ResourceLog(String bootstrapServers, String topic) {
    consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers), new StringDeserializer(),
        new ByteArrayDeserializer());
    List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Polls until some entry read so far satisfies the condition. */
  List<Entry> until(Duration timeout, Predicate<List<Entry>> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(entries)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("resource topic never satisfied the condition; read " + entries.size() + " records");
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        entries.add(new Entry(r.key(), r.value() == null ? null : Serdes.XDS_RESOURCE.fromBytes(r.value())));
      }
    }
    return entries;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
