package io.meshlog.ingest.vm;

import io.meshlog.events.Health;
import io.meshlog.events.Workload;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.ingest.SourceSnapshot;
import io.meshlog.ingest.SourceWorkload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registered VMs and their heartbeats (deterministic; time comes from the clock given). A VM silent for longer
 * than {@code unhealthyAfter} is UNHEALTHY (the compile core leaves it out of EDS); silent for longer than
 * {@code deleteAfter}, it is removed. A heartbeat makes it healthy again; a removed VM must register again.
 * Not thread-safe: {@link VmSource} serializes calls.
 */
public final class VmRegistry {
  static final String KIND = "WorkloadEntry";
  static final String API_VERSION = "networking.istio.io/v1";

  /** How long silence is tolerated. */
  public record Timeouts(Duration unhealthyAfter, Duration deleteAfter) {}

  private record Entry(VmRegistration registration, Instant lastSeen) {}

  private final Clock clock;
  private final Timeouts timeouts;
  private final Map<String, Entry> vms = new TreeMap<>();

  public VmRegistry(Clock clock, Timeouts timeouts) {
    this.clock = clock;
    this.timeouts = timeouts;
  }

  public void register(VmRegistration r) {
    vms.put(key(r.namespace(), r.name()), new Entry(r, clock.instant()));
  }

  /** Returns false when the VM is not registered (never, or removed after its grace period). */
  public boolean heartbeat(String namespace, String name) {
    expire();
    Entry e = vms.get(key(namespace, name));
    if (e == null) {
      return false;
    }
    vms.put(key(namespace, name), new Entry(e.registration(), clock.instant()));
    return true;
  }

  public boolean deregister(String namespace, String name) {
    return vms.remove(key(namespace, name)) != null;
  }

  /**
   * Takes back the VMs the log says are registered (after an ingest restart), as if each had just sent a
   * heartbeat: a restart must not expire VMs that were heartbeating to the previous instance.
   */
  public void restore(List<WorkloadEvent> current) {
    for (WorkloadEvent e : current) {
      Workload w = e.getWorkload();
      VmRegistration r = new VmRegistration(e.getId().getNamespace(), e.getId().getName(), w.getAddress(),
          w.getLabels(), w.getPorts(), w.getServiceAccount(), w.getNetwork(), w.getLocality(), w.getWeight());
      vms.putIfAbsent(key(r.namespace(), r.name()), new Entry(r, clock.instant()));
    }
  }

  /** The registered VMs now, with their health; drops those past the grace period. */
  public SourceSnapshot snapshot() {
    expire();
    Instant now = clock.instant();
    List<SourceWorkload> workloads = new ArrayList<>();
    for (Entry e : vms.values()) {
      boolean healthy = !now.isAfter(e.lastSeen().plus(timeouts.unhealthyAfter()));
      VmRegistration r = e.registration();
      Workload w = Workload.newBuilder()
          .setAddress(r.address())
          .setPorts(new TreeMap<>(r.ports()))
          .setLabels(new TreeMap<>(r.labels()))
          .setNetwork(r.network())
          .setLocality(r.locality())
          .setWeight(r.weight())
          .setServiceAccount(r.serviceAccount())
          .setHealth(healthy ? Health.HEALTHY : Health.UNHEALTHY)
          .build();
      workloads.add(new SourceWorkload(API_VERSION, KIND, r.namespace(), r.name(), w, "vm/" + r.name()));
    }
    return SourceSnapshot.of(List.of(), workloads, List.of());
  }

  private void expire() {
    Instant now = clock.instant();
    vms.values().removeIf(e -> now.isAfter(e.lastSeen().plus(timeouts.deleteAfter())));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
