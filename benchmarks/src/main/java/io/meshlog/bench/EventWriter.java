package io.meshlog.bench;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes config events straight to the event topic, as ingest would, for loading thousands of filler services
 * fast (ingest validates one request at a time; the load is not what is being measured).
 */
final class EventWriter {
  private EventWriter() {}

  static ConfigEvent event(IstioObject o) {
    return ConfigEvent.newBuilder()
        .setId(new ObjectId("api", "", o.kind(), o.namespace(), o.name()))
        .setOperation(Operation.UPSERT)
        .setApiVersion(o.apiVersion())
        .setLabels(new TreeMap<>(o.labels()))
        .setSpec(o.specJson())
        .setSpecHash(Integer.toHexString(o.specJson().hashCode()))
        .setOrigin(new Origin("bench", Instant.ofEpochMilli(0), null))
        .build();
  }

  /** Publishes the objects in order; returns the offset of the last one. */
  static long publish(String bootstrapServers, Topics topics, List<IstioObject> objects) throws Exception {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
        "acks", "all", "linger.ms", 5, "enable.idempotence", true), new StringSerializer(), new ByteArraySerializer())) {
      Future<RecordMetadata> last = null;
      for (IstioObject o : objects) {
        ConfigEvent e = event(o);
        last = producer.send(new ProducerRecord<>(topics.configEvents(), Keys.config(e.getId()),
            Serdes.CONFIG_EVENT.toBytes(e)));
      }
      producer.flush();
      return last == null ? -1 : last.get().offset();
    }
  }
}
