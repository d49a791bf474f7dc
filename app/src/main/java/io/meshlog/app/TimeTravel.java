package io.meshlog.app;

import io.meshlog.history.EventLog;
import io.meshlog.history.LogPoint;
import io.meshlog.history.MeshState;
import io.meshlog.history.TimeSpec;
import java.time.Instant;

/** A T resolved against the log: the point, and the mesh there. */
record TimeTravel(String text, LogPoint point, MeshState state) {
  static TimeTravel at(EventLog log, String text, Instant now) {
    LogPoint point = TimeSpec.parse(text, now).resolve(log, now);
    return new TimeTravel(text, point, MeshState.at(log, point));
  }

  /** "offset:5,3 (-15m, last event 2026-...)" */
  String describe(EventLog log) {
    return point + " (" + text + (log.timeOf(point).map(t -> ", last event " + t).orElse("")) + ")";
  }
}
