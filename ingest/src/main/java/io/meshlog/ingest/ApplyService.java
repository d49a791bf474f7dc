package io.meshlog.ingest;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Origin;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.ingest.ObjectOutcome.Result;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.mesh.istio.ValidationException;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Applies or deletes the objects of a YAML file: validates all of them first (any error rejects the whole
 * request and publishes nothing), compares each with the current state of the log, and publishes only the
 * changes, waiting for the broker's acks and for its own view to include them.
 */
final class ApplyService {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Topics topics;
  private final StateView view;
  private final Publisher publisher;
  private final Admin admin;
  private final EventFactory events;
  private final Clock clock;

  ApplyService(Topics topics, StateView view, Publisher publisher, Admin admin, EventFactory events, Clock clock) {
    this.topics = topics;
    this.view = view;
    this.publisher = publisher;
    this.admin = admin;
    this.events = events;
    this.clock = clock;
  }

  /** Serialized so that each request compares against a state that includes the previous one. */
  synchronized List<ObjectOutcome> handle(ApplyRequest request)
      throws ValidationException, TimeoutException, InterruptedException, ExecutionException {
    List<IstioObject> objects = IstioYaml.parse(request.yaml(), request.sourceName(), request.defaultNamespace());
    view.awaitOffsets(endOffsets(), CATCH_UP);
    Origin origin = EventFactory.origin(request.appliedBy(), clock.instant());
    List<ObjectOutcome> outcomes = new ArrayList<>();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (IstioObject o : objects) {
      Result result = request.action() == ApplyRequest.Action.APPLY
          ? planApply(o, origin, records)
          : planDelete(o, origin, records);
      outcomes.add(new ObjectOutcome(o.kind(), o.namespace(), o.name(), result));
    }
    if (request.mode() == ApplyRequest.Mode.PUBLISH && !records.isEmpty()) {
      view.awaitOffsets(publisher.sendAll(records), CATCH_UP);
    }
    return outcomes;
  }

  private Result planApply(IstioObject o, Origin origin, List<ProducerRecord<String, byte[]>> out)
      throws ValidationException {
    String hash = events.hash(o);
    if (EventFactory.isWorkload(o)) {
      String key = Keys.workload(events.id(o));
      Optional<WorkloadEvent> current = view.workload(key);
      if (current.isPresent() && hash.equals(current.get().getSpecHash())) {
        return Result.UNCHANGED;
      }
      out.add(new ProducerRecord<>(topics.workloadEvents(), key,
          Serdes.WORKLOAD_EVENT.toBytes(events.upsertWorkload(o, origin))));
      return current.isPresent() ? Result.CONFIGURED : Result.CREATED;
    }
    String key = Keys.config(events.id(o));
    Optional<ConfigEvent> current = view.config(key);
    if (current.isPresent() && hash.equals(current.get().getSpecHash())) {
      return Result.UNCHANGED;
    }
    out.add(new ProducerRecord<>(topics.configEvents(), key, Serdes.CONFIG_EVENT.toBytes(events.upsertConfig(o, origin))));
    return current.isPresent() ? Result.CONFIGURED : Result.CREATED;
  }

  private Result planDelete(IstioObject o, Origin origin, List<ProducerRecord<String, byte[]>> out) {
    if (EventFactory.isWorkload(o)) {
      String key = Keys.workload(events.id(o));
      Optional<WorkloadEvent> current = view.workload(key);
      current.ifPresent(c -> out.add(new ProducerRecord<>(topics.workloadEvents(), key,
          Serdes.WORKLOAD_EVENT.toBytes(events.deleteWorkload(c, origin)))));
      return current.isPresent() ? Result.DELETED : Result.NOT_FOUND;
    }
    String key = Keys.config(events.id(o));
    Optional<ConfigEvent> current = view.config(key);
    if (current.isEmpty()) {
      return Result.NOT_FOUND;
    }
    // Registries still holding the object keep it in force: deleting what apply wrote hands it back to them,
    // and a registry's copy is deleted in the registry, not here (its next sync would only put it back).
    ConfigEvent registryCopy = ConfigMerge.winner(view.copies().getOrDefault(key, List.of()));
    if (registryCopy == null) {
      out.add(new ProducerRecord<>(topics.configEvents(), key,
          Serdes.CONFIG_EVENT.toBytes(events.deleteConfig(current.get(), origin))));
      return Result.DELETED;
    }
    if (!events.isOverride(current.get())) {
      return Result.UNCHANGED;
    }
    out.add(new ProducerRecord<>(topics.configEvents(), key, Serdes.CONFIG_EVENT.toBytes(
        ConfigEvent.newBuilder(registryCopy).setOrigin(new Origin(registryCopy.getOrigin().getAppliedBy(),
            origin.getEventTime(), registryCopy.getOrigin().getResourceVersion())).build())));
    return Result.DELETED;
  }

  private Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    view.partitions().forEach(tp -> query.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(query).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }
}
