package io.meshlog.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events durably: acks from all in-sync replicas, idempotent, in order. */
final class Publisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  Publisher(String bootstrapServers) {
    this.producer = new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends all records and waits for their acks; returns, per partition, the offset after the last one. */
  Map<TopicPartition, Long> sendAll(List<ProducerRecord<String, byte[]>> records)
      throws ExecutionException, InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (ProducerRecord<String, byte[]> r : records) {
      acks.add(producer.send(r));
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (Future<RecordMetadata> ack : acks) {
      RecordMetadata m = ack.get();
      ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
    }
    return ends;
  }

  @Override
  public void close() {
    producer.close();
  }
}
