package io.meshlog.history;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import io.meshlog.events.WorkloadEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * The compensating events that bring the mesh from its current state back to its state at a point: re-upsert
 * what was there (as it was), delete what was not. Upserts come first, services before the rules that route to
 * them; deletes last, routes before what they route to (make before break, as the compiler orders resources).
 */
public final class RollbackPlan {
  private static final List<String> KIND_ORDER =
      List.of("ServiceEntry", "WorkloadEntry", "DestinationRule", "VirtualService", "Sidecar");

  /** One event to publish and why. */
  public record Step(String action, LogEvent basedOn, SpecificRecord event) {
    public EventStream stream() {
      return event instanceof ConfigEvent ? EventStream.CONFIG : EventStream.WORKLOAD;
    }

    @Override
    public String toString() {
      return action + " " + basedOn.displayName() + " (as at " + basedOn.time() + ", " + basedOn.stream().name()
          .toLowerCase() + " offset " + basedOn.offset() + ")";
    }
  }

  private RollbackPlan() {}

  /**
   * @param appliedBy recorded as the events' origin, e.g. "alice@host (meshlog rollback --to -15m)"
   * @param now the events' eventTime
   */
  public static List<Step> plan(MeshState target, MeshState current, boolean includeWorkloads, String appliedBy,
      Instant now) {
    Origin origin = new Origin(appliedBy, now, null);
    TreeSet<String> keys = new TreeSet<>(target.objects().keySet());
    keys.addAll(current.objects().keySet());
    List<Step> upserts = new ArrayList<>();
    List<Step> deletes = new ArrayList<>();
    for (String k : keys) {
      LogEvent then = target.objects().get(k);
      LogEvent cur = current.objects().get(k);
      LogEvent any = then != null ? then : cur;
      if (any.stream() == EventStream.WORKLOAD && !includeWorkloads) {
        continue;
      }
      if (then == null) {
        deletes.add(new Step("delete", cur, delete(cur, origin)));
      } else if (cur == null || !same(then, cur)) {
        upserts.add(new Step(cur == null ? "restore" : "revert", then, upsert(then, origin)));
      }
    }
    upserts.sort(Comparator.comparingInt((Step s) -> rank(s.basedOn())));
    deletes.sort(Comparator.comparingInt((Step s) -> -rank(s.basedOn())));
    List<Step> out = new ArrayList<>(upserts);
    out.addAll(deletes);
    return out;
  }

  private static int rank(LogEvent e) {
    int i = KIND_ORDER.indexOf(e.id().getKind());
    return i < 0 ? KIND_ORDER.size() : i;
  }

  private static boolean same(LogEvent a, LogEvent b) {
    return a.apiVersion().equals(b.apiVersion())
        && Documents.content(a).equals(Documents.content(b))
        && a.id().equals(b.id());
  }

  private static SpecificRecord upsert(LogEvent then, Origin origin) {
    if (then.event() instanceof ConfigEvent c) {
      return ConfigEvent.newBuilder(c).setOperation(Operation.UPSERT).setOrigin(origin).build();
    }
    return WorkloadEvent.newBuilder((WorkloadEvent) then.event()).setOperation(Operation.UPSERT).setOrigin(origin)
        .build();
  }

  // Same shape as ingest's deletes: the identity of the current version, no spec.
  private static SpecificRecord delete(LogEvent cur, Origin origin) {
    if (cur.event() instanceof ConfigEvent c) {
      return ConfigEvent.newBuilder(c).setOperation(Operation.DELETE).setSpec(null).setSpecHash(null)
          .setOrigin(origin).build();
    }
    return WorkloadEvent.newBuilder((WorkloadEvent) cur.event()).setOperation(Operation.DELETE).setWorkload(null)
        .setSpecHash(null).setOrigin(origin).build();
  }

  /** The plan as lines for {@code --dry-run} and the command's report. */
  public static String text(List<Step> steps, Map<String, String> heading) {
    StringBuilder out = new StringBuilder();
    heading.forEach((k, v) -> out.append("# ").append(k).append(": ").append(v).append('\n'));
    if (steps.isEmpty()) {
      out.append("nothing to roll back: config already matches that point\n");
    }
    steps.forEach(s -> out.append(s).append('\n'));
    return out.toString();
  }
}
