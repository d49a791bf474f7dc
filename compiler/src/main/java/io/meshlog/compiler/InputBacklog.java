package io.meshlog.compiler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether more input is known to be waiting after a record: the end offsets of the input partitions, read
 * every {@link #INTERVAL}. End offsets only grow, so a stale reading can only under-report the backlog: the
 * compiler may flush a batch earlier than it had to, never wait for a record that does not exist.
 */
final class InputBacklog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InputBacklog.class);
  static final Duration INTERVAL = Duration.ofMillis(50);

  private final Admin admin;
  private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "compiler-input-backlog");
    t.setDaemon(true);
    return t;
  });

  InputBacklog(String bootstrapServers, List<String> topics) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    admin = Admin.create(p);
    // Event topics have one partition each (Topics), so partition 0 is the whole input.
    List<TopicPartition> partitions = topics.stream().map(t -> new TopicPartition(t, 0)).toList();
    // Read once before the first record is processed, so a backlog present at start is batched from its start.
    refresh(partitions);
    poller.scheduleWithFixedDelay(() -> refresh(partitions), INTERVAL.toMillis(), INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void refresh(List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetSpec> latest =
        partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
    try {
      admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.debug("end offsets not read: {}", e.toString());
    }
  }

  /**
   * Whether any input partition is known to hold a record after the last one processed.
   *
   * @param processed last offset processed per source, keyed {@code topic-partition}
   */
  boolean pending(Map<String, Long> processed) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      long last = processed.getOrDefault(end.getKey().topic() + "-" + end.getKey().partition(), -1L);
      if (last + 1 < end.getValue()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    poller.shutdown();
    try {
      poller.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(2));
  }
}
