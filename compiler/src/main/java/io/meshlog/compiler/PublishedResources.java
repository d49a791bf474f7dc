package io.meshlog.compiler;

import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.events.XdsResource;
import io.meshlog.schemas.Serdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the resource topic holds now: resource key -> version. On start the compiler diffs its rebuilt output
 * against this, so a crash between a store write and its output (at-least-once) never leaves a stale or missing
 * resource behind.
 */
final class PublishedResources {
  private PublishedResources() {}

  static Map<ResourceKey, String> read(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<ResourceKey, String> out = new HashMap<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            continue;
          }
          XdsResource x = Serdes.XDS_RESOURCE.fromBytes(r.value());
          ResourceKey key = new ResourceKey(x.getProxyClass(), x.getTypeUrl(), x.getName());
          if (x.getResource() == null) {
            out.remove(key);
          } else {
            out.put(key, x.getVersion());
          }
        }
      }
    }
    return out;
  }
}
