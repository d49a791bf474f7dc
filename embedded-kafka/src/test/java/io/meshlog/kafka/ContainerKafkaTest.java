package io.meshlog.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshlog.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * meshlog's topics on a Kafka that is not ours (the {@code --bootstrap-servers} path), in a container.
 * Runs where a Docker engine exists; skipped cleanly where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaTest {
  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

  @Test
  void createsMeshlogTopicsOnAnExternalCluster() throws Exception {
    Topics topics = Topics.withPrefix("external.");
    EmbeddedKafka.createTopics(KAFKA.getBootstrapServers(), topics.specs());
    try (var producer = new KafkaProducer<String, String>(
        Map.of("bootstrap.servers", KAFKA.getBootstrapServers(), "acks", "all"),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topics.configEvents(), "k", "v")).get();
    }
    assertEquals(List.of("v"), EmbeddedKafkaTest.readAll(KAFKA.getBootstrapServers(), topics.configEvents()));
  }
}
