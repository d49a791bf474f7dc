package io.meshlog.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshlog.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @Test
  void keepsTheLogAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
    Topics topics = Topics.withPrefix("restart.");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      kafka.createTopics(topics.specs());
      try (var producer = new KafkaProducer<String, String>(
          Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>(topics.configEvents(), "k", "before restart")).get();
      }
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      kafka.createTopics(topics.specs()); // already there: a no-op
      assertEquals(List.of("before restart"), readAll(kafka.bootstrapServers(), topics.configEvents()));
      Map<String, String> configs = kafka.admin().describeConfigs(List.of(
              new org.apache.kafka.common.config.ConfigResource(
                  org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topics.configEvents())))
          .all().get().values().iterator().next().entries().stream()
          .collect(java.util.stream.Collectors.toMap(e -> e.name(), e -> String.valueOf(e.value())));
      assertEquals("-1", configs.get("retention.ms"));
    }
  }

  @Test
  void refusesASecondBrokerOnTheSameDirectoryBeforeTouchingIt(@TempDir Path dir) {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> EmbeddedKafka.start(dir));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("another meshlog is already using"), e.getMessage());
      kafka.createTopics(Topics.withPrefix("still.").specs()); // the first one is unharmed
    }
  }

  static List<String> readAll(String bootstrap, String topic) {
    try (var consumer = new KafkaConsumer<String, String>(
        Map.of("bootstrap.servers", bootstrap), new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<String> out = new ArrayList<>();
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
      return out;
    }
  }
}
