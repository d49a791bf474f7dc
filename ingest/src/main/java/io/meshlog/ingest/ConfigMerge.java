package io.meshlog.ingest;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which copy of a config object is in force when several registries hold it (pure). The config topic keeps one
 * key per object for the compiler; each registry's own copy lives on the source-configs topic, and this merge
 * decides what the config topic must say:
 *
 * <ul>
 *   <li>identical copies are one object: the first source in {@link #ORDER} is recorded as its source;
 *   <li>copies that differ resolve to the first source in {@link #ORDER}; each other copy is a {@link Conflict},
 *       reported as a rejection naming both sources, and stays on the source-configs topic, ready to take over;
 *   <li>an object whose copy in force goes away falls back to the next copy; only when no registry holds it any
 *       more is it deleted;
 *   <li>what {@code meshlog apply} wrote (the override registry) is in force over every registry's copy until
 *       {@code meshlog delete} removes it; registries never overwrite or delete it.
 * </ul>
 *
 * <p>Several ingest instances may hold sources of the same object. Each publishes only what its own sources
 * decide (the winner's upsert; a delete when the last copy was its own), so they never write the same decision
 * twice, and after any race the owner of the true winner, seeing the whole log, puts it back.
 */
final class ConfigMerge {
  /** Sources sort by registry kind, then cluster: deterministic, the same in every ingest instance. */
  static final Comparator<ConfigEvent> ORDER = Comparator
      .comparing((ConfigEvent e) -> e.getId().getRegistry())
      .thenComparing(e -> e.getId().getCluster());

  /** A copy that is not in force because another source's differs from it. */
  record Conflict(ConfigEvent loser, ConfigEvent winner) {
    String reason() {
      return "differs from the copy of " + source(winner.getId()) + " (" + winner.getOrigin().getAppliedBy()
          + "), which is in force: when registries disagree on an object, the first source by registry kind, then"
          + " cluster, wins (meshlog apply before all of them); this copy takes over if that one goes";
    }
  }

  /**
   * Whether objects no registry holds any more may be deleted now: not while a source of this instance has not
   * synced since it started, since its copies may be about to appear.
   */
  enum Deletes { PUBLISH, WAIT }

  /** The config events to publish and the conflicts of this instance's sources. */
  record Result(List<SyncPlan.Keyed<ConfigEvent>> events, List<Conflict> conflicts) {}

  private ConfigMerge() {}

  /**
   * @param copies every registry's copies, by config key (no deletes)
   * @param effective the config topic's current objects, by config key (no deletes)
   * @param mine whether a source (registry and cluster of an id) belongs to this ingest instance
   * @param overrideRegistry the registry {@code meshlog apply} writes as, whose objects no registry replaces
   */
  static Result merge(Map<String, List<ConfigEvent>> copies, Map<String, ConfigEvent> effective,
      Predicate<ObjectId> mine, String overrideRegistry, Deletes deletes, Instant now) {
    Set<String> keys = new TreeSet<>(copies.keySet());
    effective.forEach((key, e) -> {
      if (mine.test(e.getId())) {
        keys.add(key);
      }
    });
    List<SyncPlan.Keyed<ConfigEvent>> events = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    for (String key : keys) {
      List<ConfigEvent> held = copies.getOrDefault(key, List.of()).stream().sorted(ORDER).toList();
      ConfigEvent current = effective.get(key);
      if (current != null && overrideRegistry.equals(current.getId().getRegistry())) {
        conflicts.addAll(conflicts(held, current, mine));
        continue;
      }
      if (held.isEmpty()) {
        if (current != null && mine.test(current.getId()) && deletes == Deletes.PUBLISH) {
          events.add(new SyncPlan.Keyed<>(key, ConfigEvent.newBuilder(current).setOperation(Operation.DELETE)
              .setSpec(null).setSpecHash(null)
              .setOrigin(new Origin(current.getOrigin().getAppliedBy(), now, null)).build()));
        }
        continue;
      }
      ConfigEvent winner = held.get(0);
      if (mine.test(winner.getId()) && !sameCopy(current, winner)) {
        events.add(new SyncPlan.Keyed<>(key, ConfigEvent.newBuilder(winner)
            .setOrigin(new Origin(winner.getOrigin().getAppliedBy(), now, winner.getOrigin().getResourceVersion()))
            .build()));
      }
      conflicts.addAll(conflicts(held.subList(1, held.size()), winner, mine));
    }
    return new Result(events, conflicts);
  }

  /** The copy in force for an object, if any registry holds one (for {@code meshlog delete}'s fallback). */
  static ConfigEvent winner(Collection<ConfigEvent> copies) {
    return copies.stream().min(ORDER).orElse(null);
  }

  static String source(ObjectId id) {
    return id.getCluster().isEmpty() ? id.getRegistry() : id.getRegistry() + "/" + id.getCluster();
  }

  private static List<Conflict> conflicts(List<ConfigEvent> others, ConfigEvent winner, Predicate<ObjectId> mine) {
    return others.stream()
        .filter(c -> mine.test(c.getId()) && !Objects.equals(c.getSpecHash(), winner.getSpecHash()))
        .map(c -> new Conflict(c, winner)).toList();
  }

  /** Same content from the same source: nothing to publish. */
  private static boolean sameCopy(ConfigEvent current, ConfigEvent copy) {
    return current != null && Objects.equals(current.getSpecHash(), copy.getSpecHash())
        && current.getId().equals(copy.getId());
  }
}
