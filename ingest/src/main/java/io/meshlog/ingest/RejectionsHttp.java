package io.meshlog.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.meshlog.events.RejectedChange;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code GET /v1/rejections}: every rejected change still retained, oldest first ({@code meshlog rejections}).
 * Read from the topic on each request: rejections are rare and read rarely.
 */
final class RejectionsHttp implements HttpHandler {
  private final String bootstrapServers;
  private final Topics topics;
  private final ObjectMapper json;

  RejectionsHttp(String bootstrapServers, Topics topics, ObjectMapper json) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.json = json;
  }

  /** Every retained rejection, in log order. */
  static List<RejectedChange> read(String bootstrapServers, Topics topics) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topics.rejections()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
      List<RejectedChange> out = new ArrayList<>();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            out.add(Serdes.REJECTED_CHANGE.fromBytes(r.value()));
          }
        }
      }
      return out;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    ObjectNode body = json.createObjectNode();
    int status = 200;
    try {
      ArrayNode items = body.putArray("items");
      for (RejectedChange r : read(bootstrapServers, topics)) {
        var id = r.getId();
        items.addObject().put("registry", id.getRegistry()).put("cluster", id.getCluster())
            .put("kind", id.getKind()).put("namespace", id.getNamespace()).put("name", id.getName())
            .put("reason", r.getReason()).put("source", r.getSource()).put("time", r.getTime().toString());
      }
    } catch (RuntimeException e) {
      status = 500;
      body.put("error", String.valueOf(e.getMessage()));
    }
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
