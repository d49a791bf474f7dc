package io.meshlog.ingest.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.events.Health;
import io.meshlog.ingest.SourceWorkload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heartbeats judged by a clock the test moves. */
class VmRegistryTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };
  private final VmRegistry registry =
      new VmRegistry(clock, new VmRegistry.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(120)));

  static VmRegistration vm(String name) {
    return new VmRegistration("demo", name, "10.1.0.7", Map.of("app", "echo"), Map.of("grpc", 50051), "echo-sa",
        "vm-net", "us-east/zone-1", 0);
  }

  private List<Health> health() {
    return registry.snapshot().workloads().stream().map(w -> w.workload().getHealth()).toList();
  }

  private void advance(int seconds) {
    now = now.plusSeconds(seconds);
  }

  @Test
  void missedHeartbeatsMarkItUnhealthyThenRemoveItAndReRegistrationRestoresIt() {
    registry.register(vm("vm-1"));
    SourceWorkload w = registry.snapshot().workloads().get(0);
    assertEquals("WorkloadEntry", w.kind());
    assertEquals("10.1.0.7", w.workload().getAddress());
    assertEquals(Map.of("grpc", 50051), w.workload().getPorts());
    assertEquals("us-east/zone-1", w.workload().getLocality());
    assertEquals(List.of(Health.HEALTHY), health());

    advance(30);
    assertEquals(List.of(Health.HEALTHY), health(), "exactly at the limit it is still healthy");
    advance(1);
    assertEquals(List.of(Health.UNHEALTHY), health());
    assertTrue(registry.heartbeat("demo", "vm-1"));
    assertEquals(List.of(Health.HEALTHY), health(), "a heartbeat makes it healthy again");

    advance(121);
    assertEquals(List.of(), health(), "past the grace period it is removed");
    assertFalse(registry.heartbeat("demo", "vm-1"), "a removed VM must register again");
    registry.register(vm("vm-1"));
    assertEquals(List.of(Health.HEALTHY), health());
  }

  @Test
  void invalidRegistrationsNameEveryBadField() {
    VmRegistration bad = new VmRegistration("Demo", "VM_1", "", Map.of(), Map.of("grpc", 70000), "", "", "", -1);
    assertEquals(5, bad.problems().size(), bad.problems().toString());
    assertEquals(List.of(), vm("vm-1").problems());
  }
}
