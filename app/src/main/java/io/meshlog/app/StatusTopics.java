package io.meshlog.app;

import io.meshlog.events.GatewayStatus;
import io.meshlog.events.ProxyStatus;
import io.meshlog.schemas.AvroSerde;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The latest value per key of the compacted status topics, read to their end offsets (no consumer group). */
final class StatusTopics {
  private StatusTopics() {}

  /** Proxy status by "nodeId|gatewayId", leaving out proxies of gateways whose last status is STOPPED. */
  static Map<String, ProxyStatus> proxies(String bootstrapServers, Topics topics, Map<String, GatewayStatus> gateways) {
    Map<String, ProxyStatus> all = latest(bootstrapServers, topics.proxyStatus(), Serdes.PROXY_STATUS);
    all.values().removeIf(p -> {
      GatewayStatus g = gateways.get(p.getGatewayId());
      return g != null && g.getState() == io.meshlog.events.GatewayState.STOPPED;
    });
    return all;
  }

  static Map<String, GatewayStatus> gateways(String bootstrapServers, Topics topics) {
    return latest(bootstrapServers, topics.gatewayStatus(), Serdes.GATEWAY_STATUS);
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> Map<String, T> latest(String bootstrapServers, String topic, AvroSerde<T> serde) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshlog-cli-status");
    Map<String, T> out = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(15));
      if (infos == null || infos.isEmpty()) {
        return out;
      }
      List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            out.remove(r.key());
          } else {
            out.put(r.key(), serde.fromBytes(r.value()));
          }
        }
      }
    }
    return out;
  }
}
