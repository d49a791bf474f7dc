package io.meshlog.app;

import io.meshlog.kafka.EmbeddedKafka;
import io.meshlog.schemas.Topics;
import picocli.CommandLine.Option;

/** Options shared by the commands that run one component against an existing Kafka cluster. */
final class KafkaOptions {
  @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, host:port[,host:port]")
  String bootstrapServers;

  @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic name prefix (default: ${DEFAULT-VALUE})")
  String topicPrefix;

  Topics topics() {
    return Topics.withPrefix(topicPrefix);
  }

  /** Creates meshlog's topics if they are missing, so any component can start first. */
  void ensureTopics() {
    EmbeddedKafka.createTopics(bootstrapServers, topics().specs());
  }
}
