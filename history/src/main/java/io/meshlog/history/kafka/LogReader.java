package io.meshlog.history.kafka;

import io.meshlog.events.ProxyConnection;
import io.meshlog.events.XdsResource;
import io.meshlog.history.EventLog;
import io.meshlog.history.LogEvent;
import io.meshlog.history.ProxyDirectory;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads meshlog's topics from the beginning up to their end offsets at the time of the call (manual
 * assignment, no group, nothing committed). The only Kafka code of time travel besides {@link EventWriter}.
 */
public final class LogReader {
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final Topics topics;

  public LogReader(String bootstrapServers, Topics topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
  }

  /** Both event topics; {@code progress} hears (events read, events in total) as it goes. */
  public EventLog events(BiConsumer<Long, Long> progress) {
    List<LogEvent> out = new ArrayList<>();
    read(List.of(topics.configEvents(), topics.workloadEvents()), progress, rec -> {
      if (rec.value() == null) {
        return;
      }
      Instant time = Instant.ofEpochMilli(rec.timestamp());
      if (rec.topic().equals(topics.configEvents())) {
        out.add(LogEvent.config(rec.offset(), time, Serdes.CONFIG_EVENT.fromBytes(rec.value())));
      } else {
        out.add(LogEvent.workload(rec.offset(), time, Serdes.WORKLOAD_EVENT.fromBytes(rec.value())));
      }
    });
    return new EventLog(out);
  }

  /** The nodes gateways recorded (a missing proxies topic, from an older meshlog, is an empty directory). */
  public ProxyDirectory proxies() {
    List<ProxyDirectory.Node> nodes = new ArrayList<>();
    read(List.of(topics.proxies()), (a, b) -> {}, rec -> {
      if (rec.value() != null) {
        ProxyConnection p = Serdes.PROXY_CONNECTION.fromBytes(rec.value());
        nodes.add(new ProxyDirectory.Node(p.getNodeId(), p.getProxyClass(), p.getGatewayId(), p.getTime()));
      }
    });
    return new ProxyDirectory(nodes);
  }

  /** The compiler versions of the records on the resource topic. */
  public Set<String> servedCompilerVersions() {
    Set<String> out = new TreeSet<>();
    read(List.of(topics.xdsResources()), (a, b) -> {}, rec -> {
      if (rec.value() != null) {
        XdsResource r = Serdes.XDS_RESOURCE.fromBytes(rec.value());
        out.add(r.getCompilerVersion());
      }
    });
    return out;
  }

  private void read(List<String> topicNames, BiConsumer<Long, Long> progress,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "meshlog-history");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(30));
      for (String t : topicNames) {
        all.getOrDefault(t, List.of()).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
      }
      if (parts.isEmpty()) {
        return;
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long total = parts.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
      long done = 0;
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> rec : consumer.poll(POLL)) {
          // Records written after the call started are not part of this read.
          if (rec.offset() < end.get(new TopicPartition(rec.topic(), rec.partition()))) {
            sink.accept(rec);
            done++;
          }
        }
        progress.accept(done, total);
      }
    }
  }
}
