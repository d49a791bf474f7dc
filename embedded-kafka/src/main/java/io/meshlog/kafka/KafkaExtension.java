package io.meshlog.kafka;

import io.meshlog.schemas.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one real Kafka broker for a test class. Register it as a static field with
 * {@code @RegisterExtension}; tests isolate themselves with their own topic prefix.
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedKafka kafka;
  private Path dir;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("meshlog-kafka-");
    kafka = EmbeddedKafka.start(dir);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (kafka != null) {
      kafka.close();
    }
    deleteRecursively(dir);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public void createTopics(List<TopicSpec> specs) {
    kafka.createTopics(specs);
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
