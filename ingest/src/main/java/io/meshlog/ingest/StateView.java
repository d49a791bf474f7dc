package io.meshlog.ingest;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Operation;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current config and workloads, as the event topics say: the latest event per key, read from the start of
 * the log by a background consumer. Ingest compares against it so that re-applying an unchanged object
 * publishes nothing, and answers {@code get} from it. It also reads every registry's own copies of config
 * objects (the source-configs topic), from which {@link ConfigMerge} decides the copy in force.
 */
final class StateView implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateView.class);

  private final Topics topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, ConfigEvent> configs = new ConcurrentSkipListMap<>();
  private final Map<String, WorkloadEvent> workloads = new ConcurrentSkipListMap<>();
  /** Config key to source-configs key to that source's copy. */
  private final Map<String, Map<String, ConfigEvent>> copies = new ConcurrentSkipListMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  StateView(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.consumer = new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (String topic : List.of(topics.configEvents(), topics.workloadEvents(), topics.sourceConfigs())) {
      for (PartitionInfo p : consumer.partitionsFor(topic)) {
        parts.add(new TopicPartition(topic, p.partition()));
      }
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    parts.forEach(tp -> positions.put(tp, 0L));
    this.thread = new Thread(this::run, "ingest-state-view");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<String, byte[]> r : records) {
          apply(r);
        }
        synchronized (positions) {
          for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp, consumer.position(tp));
          }
          positions.notifyAll();
        }
        if (!records.isEmpty()) {
          listeners.forEach(Runnable::run);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("state view stopped", e);
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    if (r.topic().equals(topics.sourceConfigs())) {
      applyCopy(r);
      return;
    }
    if (r.value() == null) {
      return;
    }
    if (r.topic().equals(topics.configEvents())) {
      ConfigEvent e = Serdes.CONFIG_EVENT.fromBytes(r.value());
      String key = Keys.config(e.getId());
      if (e.getOperation() == Operation.DELETE) {
        configs.remove(key);
      } else {
        configs.put(key, e);
      }
    } else {
      WorkloadEvent e = Serdes.WORKLOAD_EVENT.fromBytes(r.value());
      String key = Keys.workload(e.getId());
      if (e.getOperation() == Operation.DELETE) {
        workloads.remove(key);
      } else {
        workloads.put(key, e);
      }
    }
  }

  /** A source's copy, or a tombstone (null) when the source no longer holds the object. */
  private void applyCopy(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      // The tombstone's key alone names the copy: find it among the copies of every object.
      copies.values().forEach(bySource -> bySource.remove(r.key()));
      copies.values().removeIf(Map::isEmpty);
      return;
    }
    ConfigEvent e = Serdes.CONFIG_EVENT.fromBytes(r.value());
    String key = Keys.config(e.getId());
    if (e.getOperation() == Operation.DELETE) {
      Map<String, ConfigEvent> bySource = copies.get(key);
      if (bySource != null) {
        bySource.remove(r.key());
        if (bySource.isEmpty()) {
          copies.remove(key);
        }
      }
    } else {
      copies.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>()).put(r.key(), e);
    }
  }

  /** Runs {@code listener} on the view's thread after each batch of records it read (keep it short). */
  void onAdvance(Runnable listener) {
    listeners.add(listener);
  }

  /** Waits until this view has read at least up to the given end offsets (exclusive). */
  void awaitOffsets(Map<TopicPartition, Long> ends, Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (positions) {
      while (!reached(ends)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.isAlive()) {
          throw new TimeoutException("ingest's view of the log did not reach " + ends + " (at " + positions + ")");
        }
        positions.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (positions.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  List<TopicPartition> partitions() {
    return List.copyOf(positions.keySet());
  }

  Optional<ConfigEvent> config(String key) {
    return Optional.ofNullable(configs.get(key));
  }

  Optional<WorkloadEvent> workload(String key) {
    return Optional.ofNullable(workloads.get(key));
  }

  List<ConfigEvent> configs() {
    return List.copyOf(configs.values());
  }

  /** Every registry's copies, by config key; each list in source-configs key order. */
  Map<String, List<ConfigEvent>> copies() {
    Map<String, List<ConfigEvent>> out = new TreeMap<>();
    copies.forEach((key, bySource) -> {
      List<ConfigEvent> list = List.copyOf(bySource.values());
      if (!list.isEmpty()) {
        out.put(key, list);
      }
    });
    return out;
  }

  List<WorkloadEvent> workloads() {
    return List.copyOf(workloads.values());
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
