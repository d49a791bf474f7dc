package io.meshlog.ingest;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.RejectedChange;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the config topic equal to {@link ConfigMerge}'s decision for the sources of this ingest instance: after
 * each of its own syncs, and whenever the view reads a change another instance made (a copy it published, an
 * object it put in force), since that can change which copy of ours is in force.
 */
final class MergePublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MergePublisher.class);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final long RETRY_MS = 1000;

  private final Topics topics;
  private final StateView view;
  private final Publisher publisher;
  private final Clock clock;
  private final String overrideRegistry;
  /** registry/cluster of every source of this instance. */
  private final Set<String> sources = ConcurrentHashMap.newKeySet();
  /** registry/cluster of the sources of this instance that have not synced (or declared they will not) yet. */
  private final Set<String> starting = ConcurrentHashMap.newKeySet();
  /** Conflicts recorded by this instance, key to reason: a standing conflict is recorded once, not per merge. */
  private final Map<String, String> recorded = new HashMap<>();
  private final ScheduledExecutorService executor;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  MergePublisher(Topics topics, StateView view, Publisher publisher, Clock clock, String overrideRegistry) {
    this.topics = topics;
    this.view = view;
    this.publisher = publisher;
    this.clock = clock;
    this.overrideRegistry = overrideRegistry;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-config-merge");
      t.setDaemon(true);
      return t;
    });
    view.onAdvance(() -> schedule(0));
  }

  /** A source of this instance that will sync: until it has, no object is deleted (its copy may appear). */
  void expect(String registry, String cluster) {
    starting.add(registry + "/" + cluster);
  }

  /** The source's copies are in the log: it takes part in the merge from now on. */
  void addSource(String registry, String cluster) {
    sources.add(registry + "/" + cluster);
    starting.remove(registry + "/" + cluster);
  }

  /** The source will not sync for now (a missing folder): its copies in the log stay as they are. */
  void skip(String registry, String cluster) {
    starting.remove(registry + "/" + cluster);
  }

  private boolean mine(ObjectId id) {
    return sources.contains(id.getRegistry() + "/" + id.getCluster());
  }

  /**
   * Publishes what the merge decides for this instance's sources and waits until the view includes it.
   *
   * @return how many config events that was
   */
  synchronized int merge() throws InterruptedException, ExecutionException, TimeoutException {
    if (sources.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    Map<String, ConfigEvent> effective = new TreeMap<>();
    view.configs().forEach(e -> effective.put(Keys.config(e.getId()), e));
    ConfigMerge.Result result = ConfigMerge.merge(view.copies(), effective, this::mine, overrideRegistry,
        starting.isEmpty() ? ConfigMerge.Deletes.PUBLISH : ConfigMerge.Deletes.WAIT, now);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    result.events().forEach(e -> records.add(
        new ProducerRecord<>(topics.configEvents(), e.key(), Serdes.CONFIG_EVENT.toBytes(e.event()))));
    records.addAll(conflicts(result.conflicts(), now));
    if (!records.isEmpty()) {
      Map<TopicPartition, Long> ends = new HashMap<>(publisher.sendAll(records));
      ends.keySet().retainAll(view.partitions());
      view.awaitOffsets(ends, CATCH_UP);
    }
    if (!result.events().isEmpty()) {
      log.info("merged copies of {}: published {} config events", sources, result.events().size());
    }
    return result.events().size();
  }

  private List<ProducerRecord<String, byte[]>> conflicts(List<ConfigMerge.Conflict> conflicts, Instant now) {
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    Map<String, String> still = new HashMap<>();
    for (ConfigMerge.Conflict c : conflicts) {
      ObjectId id = c.loser().getId();
      String key = Keys.rejection(id);
      still.put(key, c.reason());
      if (!c.reason().equals(recorded.get(key))) {
        log.warn("{} {}/{} from {}: {}", id.getKind(), id.getNamespace(), id.getName(), ConfigMerge.source(id),
            c.reason());
        out.add(new ProducerRecord<>(topics.rejections(), key, Serdes.REJECTED_CHANGE.toBytes(
            new RejectedChange(id, c.reason(), c.loser().getOrigin().getAppliedBy(), now))));
      }
    }
    recorded.clear();
    recorded.putAll(still);
    return out;
  }

  /** Coalesces the view's notifications: one merge runs at a time, and a failed one is retried. */
  private void schedule(long delayMs) {
    if (!sources.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        executor.schedule(this::runScheduled, delayMs, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        scheduled.set(false); // closing
      }
    }
  }

  private void runScheduled() {
    scheduled.set(false);
    try {
      merge();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("merging registries' copies failed, retrying: {}", e.getMessage());
      schedule(RETRY_MS);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
