package io.meshlog.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.schemas.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Measures the encoded size of typical events (the numbers docs/time-travel.md uses for its storage estimate)
 * and keeps them from growing unnoticed.
 */
class EventSizeTest {
  @Test
  void typicalEventsAreAFewHundredBytes() {
    int vs = Serdes.CONFIG_EVENT.toBytes((ConfigEvent) Events.config(0, 0, "VirtualService", "echo",
        Events.vs(80, 20)).event()).length;
    int dr = Serdes.CONFIG_EVENT.toBytes((ConfigEvent) Events.config(0, 0, "DestinationRule", "echo",
        Events.DR).event()).length;
    int we = Serdes.WORKLOAD_EVENT.toBytes((WorkloadEvent) Events.workload(0, 0, "echo-v1", 50051, "v1")
        .event()).length;
    System.out.printf("event value bytes: VirtualService=%d DestinationRule=%d WorkloadEntry=%d%n", vs, dr, we);
    assertTrue(vs < 1024 && dr < 1024 && we < 512, vs + " " + dr + " " + we);
  }
}
