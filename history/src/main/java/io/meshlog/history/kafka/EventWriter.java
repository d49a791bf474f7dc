package io.meshlog.history.kafka;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.history.RollbackPlan;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a rollback's compensating events with ingest's publisher semantics: acks from all in-sync
 * replicas, idempotent, in order, waiting for every ack. Keys as ingest writes them.
 */
public final class EventWriter implements AutoCloseable {
  private final Topics topics;
  private final KafkaProducer<String, byte[]> producer;

  public EventWriter(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.producer = new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends every step and waits for the acks; returns the offsets written, in step order. */
  public List<Long> publish(List<RollbackPlan.Step> steps) throws ExecutionException, InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (RollbackPlan.Step s : steps) {
      if (s.event() instanceof ConfigEvent c) {
        acks.add(producer.send(new ProducerRecord<>(topics.configEvents(), Keys.config(c.getId()),
            Serdes.CONFIG_EVENT.toBytes(c))));
      } else {
        WorkloadEvent w = (WorkloadEvent) s.event();
        acks.add(producer.send(new ProducerRecord<>(topics.workloadEvents(), Keys.workload(w.getId()),
            Serdes.WORKLOAD_EVENT.toBytes(w))));
      }
    }
    List<Long> offsets = new ArrayList<>();
    for (Future<RecordMetadata> ack : acks) {
      offsets.add(ack.get().offset());
    }
    return offsets;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
