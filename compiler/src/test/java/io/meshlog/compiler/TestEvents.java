package io.meshlog.compiler;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Health;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import io.meshlog.events.Workload;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events to the event topics as ingest would. */
final class TestEvents implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;

  TestEvents(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
        new StringSerializer(), new ByteArraySerializer());
  }

  static final String ECHO_SERVICE = "{\"hosts\":[\"echo.demo.svc\"],\"location\":\"MESH_INTERNAL\","
      + "\"ports\":[{\"name\":\"grpc\",\"number\":8080,\"protocol\":\"GRPC\"}],\"resolution\":\"STATIC\","
      + "\"workloadSelector\":{\"labels\":{\"app\":\"echo\"}}}";

  void config(String kind, String name, String specJson) throws Exception {
    ConfigEvent e = ConfigEvent.newBuilder()
        .setId(new ObjectId("api", "", kind, "demo", name))
        .setOperation(specJson == null ? Operation.DELETE : Operation.UPSERT)
        .setApiVersion("networking.istio.io/v1")
        .setSpec(specJson)
        .setOrigin(new Origin("test", Instant.ofEpochMilli(1_000), null))
        .build();
    producer.send(new ProducerRecord<>(topics.configEvents(), Keys.config(e.getId()), Serdes.CONFIG_EVENT.toBytes(e))).get();
  }

  void workload(String name, int port, String version) throws Exception {
    ObjectId id = new ObjectId("api", "", "WorkloadEntry", "demo", name);
    WorkloadEvent.Builder e = WorkloadEvent.newBuilder().setId(id)
        .setOrigin(new Origin("test", Instant.ofEpochMilli(1_000), null));
    if (port == 0) {
      e.setOperation(Operation.DELETE);
    } else {
      e.setOperation(Operation.UPSERT).setWorkload(Workload.newBuilder().setAddress("127.0.0.1")
          .setPorts(Map.of("grpc", port)).setLabels(Map.of("app", "echo", "version", version))
          .setHealth(Health.HEALTHY).build());
    }
    producer.send(new ProducerRecord<>(topics.workloadEvents(), Keys.workload(id), Serdes.WORKLOAD_EVENT.toBytes(e.build()))).get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
