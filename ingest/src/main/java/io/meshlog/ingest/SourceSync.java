package io.meshlog.ingest;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.RejectedChange;
import io.meshlog.events.WorkloadEvent;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the log's state of one registry (one registry kind and cluster, a key space no other ingest instance
 * writes) equal to a snapshot of what the registry holds: publishes exactly the differences, including deletes
 * for objects that vanished while ingest was down, and waits until its own view includes them, so the next
 * sync compares against them. Resyncs, restarts and duplicate watch events therefore publish nothing.
 *
 * <p>Workloads are keyed per registry and cluster, so they go straight to the workload topic. Config objects may
 * be held by several registries under one key: this registry's copies go to the source-configs topic, and
 * {@link MergePublisher} then puts the copy in force on the config topic ({@link ConfigMerge}).
 */
public final class SourceSync {
  private static final Logger log = LoggerFactory.getLogger(SourceSync.class);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final String registry;
  private final String cluster;
  private final Topics topics;
  private final StateView view;
  private final Publisher publisher;
  private final Admin admin;
  private final Clock clock;
  private final MergePublisher merge;
  /** Rejections recorded by this instance, key to reason: a still-broken object is recorded once, not per sync. */
  private final Map<String, String> recorded = new HashMap<>();
  private boolean caughtUp;

  SourceSync(String registry, String cluster, Topics topics, StateView view, Publisher publisher, Admin admin,
      Clock clock, MergePublisher merge) {
    this.merge = merge;
    merge.expect(registry, cluster);
    this.registry = registry;
    this.cluster = cluster;
    this.topics = topics;
    this.view = view;
    this.publisher = publisher;
    this.admin = admin;
    this.clock = clock;
  }

  public String registry() {
    return registry;
  }

  public String cluster() {
    return cluster;
  }

  /**
   * Publishes what differs and returns how many workload events and copies of config objects that was
   * (rejections and the config events the merge put in force not counted).
   */
  public synchronized int sync(SourceSnapshot snapshot) throws InterruptedException {
    try {
      catchUp();
      Instant now = clock.instant();
      SyncPlan.Plan plan = SyncPlan.diff(registry, cluster, currentConfigs(), currentWorkloads(), snapshot, now);
      List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
      // A copy no longer held is a tombstone: compaction then forgets it; the config topic keeps the history.
      plan.configs().forEach(c -> records.add(new ProducerRecord<>(topics.sourceConfigs(),
          Keys.sourceConfig(c.event().getId()),
          c.event().getOperation() == Operation.DELETE ? null : Serdes.CONFIG_EVENT.toBytes(c.event()))));
      plan.workloads().forEach(w -> records.add(
          new ProducerRecord<>(topics.workloadEvents(), w.key(), Serdes.WORKLOAD_EVENT.toBytes(w.event()))));
      records.addAll(rejections(snapshot.rejections(), now));
      if (!records.isEmpty()) {
        awaitOwn(publisher.sendAll(records));
      }
      if (!plan.isEmpty()) {
        log.info("{}/{}: published {} copies of config objects and {} workload events", registry, cluster,
            plan.configs().size(), plan.workloads().size());
      }
      // Only once its copies are in the log does this source take part in the merge: before that, it would
      // look as if it held nothing, and the objects it put in force would be deleted.
      merge.addSource(registry, cluster);
      merge.merge();
      return plan.configs().size() + plan.workloads().size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot sync " + registry + "/" + cluster + ": " + e.getMessage(), e);
    }
  }

  /**
   * This source will not sync for now (its folder is missing): its copies in the log stay as they are, and the
   * merge need not wait for it before deleting objects no registry holds.
   */
  public void skip() {
    merge.skip(registry, cluster);
  }

  /** Records a one-off rejection (a VM registration that fails validation), outside any snapshot. */
  public void record(Rejection r) throws InterruptedException {
    try {
      ObjectId id = new ObjectId(registry, cluster, r.kind(), r.namespace(), r.name());
      log.warn("rejected {} from {}: {}", Keys.rejection(id), r.source(), r.reason());
      publisher.sendAll(List.of(new ProducerRecord<>(topics.rejections(), Keys.rejection(id),
          Serdes.REJECTED_CHANGE.toBytes(new RejectedChange(id, r.reason(), r.source(), clock.instant())))));
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot record rejection: " + e.getMessage(), e);
    }
  }

  /** Waits until the view has read our own events (the view does not read the rejections topic). */
  private void awaitOwn(Map<TopicPartition, Long> ends) throws TimeoutException, InterruptedException {
    Map<TopicPartition, Long> read = new HashMap<>(ends);
    read.keySet().retainAll(view.partitions());
    view.awaitOffsets(read, CATCH_UP);
  }

  /** This registry's copies of config objects, as the source-configs topic holds them. */
  public List<ConfigEvent> currentConfigs() {
    return view.copies().values().stream().flatMap(List::stream).filter(e -> mine(e.getId())).toList();
  }

  /** The latest workload events this registry wrote that are not deleted. */
  public List<WorkloadEvent> currentWorkloads() {
    return view.workloads().stream().filter(e -> mine(e.getId())).toList();
  }

  /** Waits (once) until the view has read the whole log, so the first sync diffs against all of it. */
  public synchronized void catchUp() throws InterruptedException, ExecutionException, TimeoutException {
    if (caughtUp) {
      return;
    }
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    view.partitions().forEach(tp -> query.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(query).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    view.awaitOffsets(ends, CATCH_UP);
    caughtUp = true;
  }

  private boolean mine(ObjectId id) {
    return registry.equals(id.getRegistry()) && cluster.equals(id.getCluster());
  }

  private List<ProducerRecord<String, byte[]>> rejections(List<Rejection> rejections, Instant now) {
    List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    Map<String, String> still = new HashMap<>();
    for (Rejection r : rejections) {
      ObjectId id = new ObjectId(registry, cluster, r.kind(), r.namespace(), r.name());
      String key = Keys.rejection(id);
      still.put(key, r.reason());
      if (!r.reason().equals(recorded.get(key))) {
        log.warn("rejected {} from {}: {}", key, r.source(), r.reason());
        out.add(new ProducerRecord<>(topics.rejections(), key, Serdes.REJECTED_CHANGE.toBytes(
            new RejectedChange(id, r.reason(), r.source(), now))));
      }
    }
    recorded.clear();
    recorded.putAll(still);
    return out;
  }
}
