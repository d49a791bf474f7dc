package io.meshlog.app;

import io.meshlog.history.EventLog;
import io.meshlog.history.kafka.LogReader;
import io.meshlog.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Options of the commands that read the log directly (history, replay, diff, rollback): where Kafka is
 * (--bootstrap-servers, else what `meshlog up` wrote to .meshlog/endpoints.properties) and the topic prefix.
 */
final class LogOptions {
  static final String KAFKA_KEY = "kafka.bootstrap.servers";

  @Option(names = "--bootstrap-servers",
      description = "Kafka bootstrap servers (default: kafka.bootstrap.servers in .meshlog/endpoints.properties)")
  String bootstrapServers;

  @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic name prefix (default: ${DEFAULT-VALUE})")
  String topicPrefix;

  @Option(names = "--progress", description = "Show a progress bar on stderr even when it is not a terminal")
  boolean progress;

  Topics topics() {
    return Topics.withPrefix(topicPrefix);
  }

  String resolveBootstrapServers() {
    if (bootstrapServers != null) {
      return bootstrapServers;
    }
    Path file = Path.of(".meshlog", Endpoints.FILE);
    if (Files.exists(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
      }
      String v = p.getProperty(KAFKA_KEY);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    throw new IllegalArgumentException("--bootstrap-servers is required (no " + KAFKA_KEY + " in " + file
        + "; is `meshlog up` running here?)");
  }

  LogReader reader() {
    return new LogReader(resolveBootstrapServers(), topics());
  }

  /** Reads both event topics, with a progress bar when on a terminal or asked for. */
  EventLog readEvents() {
    try (ProgressBar bar = new ProgressBar(progress || System.console() != null)) {
      return reader().events(bar::update);
    }
  }
}
