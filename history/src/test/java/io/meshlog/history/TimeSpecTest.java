package io.meshlog.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSpecTest {
  private final EventLog log = Events.log();
  private final Instant now = Events.T0.plusSeconds(3600);

  private LogPoint at(String t) {
    return TimeSpec.parse(t, now).resolve(log, now);
  }

  @Test
  void isoRelativeOffsetAndCountFormsNameTheSamePoints() {
    assertEquals(new LogPoint(3, 2), at("2026-03-01T10:00:04Z"));
    assertEquals(new LogPoint(3, 2), at("2026-03-01T11:00:04+01:00"));
    assertEquals(new LogPoint(3, 2), at("2026-03-01T10:00:04"));
    assertEquals(new LogPoint(3, 2), at("-59m56s"));
    assertEquals(new LogPoint(3, 2), at("offset:3,2"));
    assertEquals(new LogPoint(3, 2), at("@5"));
    assertEquals(new LogPoint(5, 3), at("now"));
    assertEquals(new LogPoint(1, 0), at("@1"));
  }

  @Test
  void badTimesAreRejectedWithTheReason() {
    assertMessage("before the first event", () -> at("2026-03-01T09:59:59Z"));
    assertMessage("in the future", () -> at("2026-03-01T12:00:00Z"));
    assertMessage("cannot parse time \"yesterday\"", () -> at("yesterday"));
    assertMessage("cannot parse time", () -> at("-15x"));
    assertMessage("offset:<configEnd>,<workloadEnd>", () -> at("offset:3"));
    assertMessage("past the end of the log", () -> at("offset:6,0"));
    assertMessage("before the first event", () -> at("offset:0,0"));
    assertMessage("@0 is before the first event", () -> at("@0"));
    assertMessage("past the end of the log", () -> at("@9"));
    assertMessage("empty time", () -> at(" "));
    assertMessage("the event log is empty",
        () -> TimeSpec.parse("now", now).resolve(new EventLog(java.util.List.of()), now));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    TimeTravelException ex = assertThrows(TimeTravelException.class, e);
    assertTrue(ex.getMessage().contains(part), ex.getMessage());
  }
}
