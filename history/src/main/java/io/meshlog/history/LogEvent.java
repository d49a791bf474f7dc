package io.meshlog.history;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.schemas.Keys;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event of the log with where and when it was written.
 *
 * @param offset its offset on its topic (single partition, so the log's order)
 * @param time the record's log time (what {@code --at T} compares with, as the compiler stamps its output)
 * @param event the {@link ConfigEvent} or {@link WorkloadEvent} as decoded
 */
public record LogEvent(EventStream stream, long offset, Instant time, SpecificRecord event) {
  public LogEvent {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(time, "time");
    if (!(event instanceof ConfigEvent || event instanceof WorkloadEvent)) {
      throw new IllegalArgumentException("not a meshlog event: " + event);
    }
  }

  public static LogEvent config(long offset, Instant time, ConfigEvent e) {
    return new LogEvent(EventStream.CONFIG, offset, time, e);
  }

  public static LogEvent workload(long offset, Instant time, WorkloadEvent e) {
    return new LogEvent(EventStream.WORKLOAD, offset, time, e);
  }

  public ObjectId id() {
    return event instanceof ConfigEvent c ? c.getId() : ((WorkloadEvent) event).getId();
  }

  public Operation operation() {
    return event instanceof ConfigEvent c ? c.getOperation() : ((WorkloadEvent) event).getOperation();
  }

  public String appliedBy() {
    return event instanceof ConfigEvent c ? c.getOrigin().getAppliedBy()
        : ((WorkloadEvent) event).getOrigin().getAppliedBy();
  }

  public String apiVersion() {
    return event instanceof ConfigEvent c ? c.getApiVersion() : ((WorkloadEvent) event).getApiVersion();
  }

  /** The key of the object's own history, as the topics key it (workloads also by registry and cluster). */
  public String objectKey() {
    return stream == EventStream.CONFIG ? Keys.config(id()) : "workload:" + Keys.workload(id());
  }

  /** "VirtualService demo/echo", for people. */
  public String displayName() {
    ObjectId id = id();
    return id.getKind() + " " + id.getNamespace() + "/" + id.getName();
  }

  /** "api" or "kubernetes/cluster-1": the registry and cluster the change came from. */
  public String source() {
    ObjectId id = id();
    return id.getCluster().isEmpty() ? id.getRegistry() : id.getRegistry() + "/" + id.getCluster();
  }

  public boolean isDelete() {
    return operation() == Operation.DELETE;
  }
}
