package io.meshlog.ingest;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.schemas.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The events that make the log's state of one registry equal to what the registry holds now (pure): upserts for
 * objects that are new or whose specHash differs, deletes for objects the registry no longer has, nothing for
 * the rest. Objects under a rejection or a held origin keep their last accepted state.
 */
final class SyncPlan {
  /** Upserts first and deletes last (make before break), each in key order. */
  record Plan(List<Keyed<ConfigEvent>> configs, List<Keyed<WorkloadEvent>> workloads) {
    boolean isEmpty() {
      return configs.isEmpty() && workloads.isEmpty();
    }
  }

  record Keyed<T>(String key, T event) {}

  private SyncPlan() {}

  /**
   * @param currentConfigs the latest config events of this registry and cluster (no DELETEs)
   * @param currentWorkloads the latest workload events of this registry and cluster (no DELETEs)
   */
  static Plan diff(String registry, String cluster, Collection<ConfigEvent> currentConfigs,
      Collection<WorkloadEvent> currentWorkloads, SourceSnapshot desired, Instant now) {
    Set<String> heldConfigs = new HashSet<>();
    Set<String> heldWorkloads = new HashSet<>();
    for (Rejection r : desired.rejections()) {
      ObjectId id = new ObjectId(registry, cluster, r.kind(), r.namespace(), r.name());
      heldConfigs.add(Keys.config(id));
      heldWorkloads.add(Keys.workload(id));
    }
    return new Plan(configs(registry, cluster, currentConfigs, desired, heldConfigs, now),
        workloads(registry, cluster, currentWorkloads, desired, heldWorkloads, now));
  }

  private static List<Keyed<ConfigEvent>> configs(String registry, String cluster, Collection<ConfigEvent> current,
      SourceSnapshot desired, Set<String> held, Instant now) {
    Map<String, ConfigEvent> byKey = new TreeMap<>();
    current.forEach(e -> byKey.put(Keys.config(e.getId()), e));
    Map<String, SourceConfig> wanted = new TreeMap<>();
    for (SourceConfig c : desired.configs()) {
      wanted.putIfAbsent(Keys.config(new ObjectId(registry, cluster, c.kind(), c.namespace(), c.name())), c);
    }
    List<Keyed<ConfigEvent>> out = new ArrayList<>();
    wanted.forEach((key, c) -> {
      String hash = Hashes.ofObject(c.apiVersion(), c.labels(), c.specJson());
      ConfigEvent was = byKey.get(key);
      if (held.contains(key) || isHeld(was == null ? null : was.getOrigin(), desired)
          || (was != null && hash.equals(was.getSpecHash()))) {
        return;
      }
      out.add(new Keyed<>(key, ConfigEvent.newBuilder()
          .setId(new ObjectId(registry, cluster, c.kind(), c.namespace(), c.name()))
          .setOperation(Operation.UPSERT)
          .setApiVersion(c.apiVersion())
          .setLabels(new TreeMap<>(c.labels()))
          .setSpec(c.specJson())
          .setSpecHash(hash)
          .setOrigin(new Origin(c.appliedBy(), now, c.resourceVersion()))
          .build()));
    });
    byKey.forEach((key, e) -> {
      if (!wanted.containsKey(key) && !held.contains(key) && !isHeld(e.getOrigin(), desired)) {
        out.add(new Keyed<>(key, ConfigEvent.newBuilder(e).setOperation(Operation.DELETE).setSpec(null)
            .setSpecHash(null).setOrigin(new Origin(e.getOrigin().getAppliedBy(), now, null)).build()));
      }
    });
    return out;
  }

  private static List<Keyed<WorkloadEvent>> workloads(String registry, String cluster,
      Collection<WorkloadEvent> current, SourceSnapshot desired, Set<String> held, Instant now) {
    Map<String, WorkloadEvent> byKey = new TreeMap<>();
    current.forEach(e -> byKey.put(Keys.workload(e.getId()), e));
    Map<String, SourceWorkload> wanted = new TreeMap<>();
    for (SourceWorkload w : desired.workloads()) {
      wanted.putIfAbsent(Keys.workload(new ObjectId(registry, cluster, w.kind(), w.namespace(), w.name())), w);
    }
    List<Keyed<WorkloadEvent>> out = new ArrayList<>();
    wanted.forEach((key, w) -> {
      String hash = Hashes.ofWorkload(w.apiVersion(), w.workload());
      WorkloadEvent was = byKey.get(key);
      if (held.contains(key) || isHeld(was == null ? null : was.getOrigin(), desired)
          || (was != null && hash.equals(was.getSpecHash()))) {
        return;
      }
      out.add(new Keyed<>(key, WorkloadEvent.newBuilder()
          .setId(new ObjectId(registry, cluster, w.kind(), w.namespace(), w.name()))
          .setOperation(Operation.UPSERT)
          .setApiVersion(w.apiVersion())
          .setWorkload(w.workload())
          .setSpecHash(hash)
          .setOrigin(new Origin(w.appliedBy(), now, null))
          .build()));
    });
    byKey.forEach((key, e) -> {
      if (!wanted.containsKey(key) && !held.contains(key) && !isHeld(e.getOrigin(), desired)) {
        out.add(new Keyed<>(key, WorkloadEvent.newBuilder(e).setOperation(Operation.DELETE).setWorkload(null)
            .setSpecHash(null).setOrigin(new Origin(e.getOrigin().getAppliedBy(), now, null)).build()));
      }
    });
    return out;
  }

  private static boolean isHeld(Origin origin, SourceSnapshot desired) {
    return origin != null && desired.heldOrigins().contains(origin.getAppliedBy());
  }
}
