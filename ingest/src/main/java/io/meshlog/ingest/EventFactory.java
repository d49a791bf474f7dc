package io.meshlog.ingest;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.mesh.Workload;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.ValidationException;
import java.time.Instant;
import java.util.TreeMap;

/** Turns parsed Istio objects into the events ingest publishes. */
final class EventFactory {
  static final String WORKLOAD_ENTRY = "WorkloadEntry";

  private final String registry;
  private final String cluster;

  EventFactory(String registry, String cluster) {
    this.registry = registry;
    this.cluster = cluster;
  }

  ObjectId id(IstioObject o) {
    return new ObjectId(registry, cluster, o.kind(), o.namespace(), o.name());
  }

  /** Written through this instance's API (apply), so in force over every registry's copy. */
  boolean isOverride(ConfigEvent e) {
    return registry.equals(e.getId().getRegistry());
  }

  static boolean isWorkload(IstioObject o) {
    return WORKLOAD_ENTRY.equals(o.kind());
  }

  String hash(IstioObject o) {
    return Hashes.ofObject(o.apiVersion(), o.labels(), o.specJson());
  }

  ConfigEvent upsertConfig(IstioObject o, Origin origin) {
    return ConfigEvent.newBuilder()
        .setId(id(o))
        .setOperation(Operation.UPSERT)
        .setApiVersion(o.apiVersion())
        .setLabels(new TreeMap<>(o.labels()))
        .setSpec(o.specJson())
        .setSpecHash(hash(o))
        .setOrigin(origin)
        .build();
  }

  ConfigEvent deleteConfig(ConfigEvent current, Origin origin) {
    return ConfigEvent.newBuilder(current).setOperation(Operation.DELETE).setSpec(null).setSpecHash(null)
        .setOrigin(origin).build();
  }

  /** A WorkloadEntry is a workload: the model conversion already validated it. */
  WorkloadEvent upsertWorkload(IstioObject o, Origin origin) throws ValidationException {
    Workload w = (Workload) IstioAdapter.toModel(o, registry, cluster);
    io.meshlog.events.Workload workload = Workloads.of(w.endpoint());
    return WorkloadEvent.newBuilder()
        .setId(id(o))
        .setOperation(Operation.UPSERT)
        .setApiVersion(o.apiVersion())
        .setWorkload(workload)
        .setSpecHash(hash(o))
        .setOrigin(origin)
        .build();
  }

  WorkloadEvent deleteWorkload(WorkloadEvent current, Origin origin) {
    return WorkloadEvent.newBuilder(current).setOperation(Operation.DELETE).setWorkload(null).setSpecHash(null)
        .setOrigin(origin).build();
  }

  static Origin origin(String appliedBy, Instant now) {
    return new Origin(appliedBy, now, null);
  }
}
