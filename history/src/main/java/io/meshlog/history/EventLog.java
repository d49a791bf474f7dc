package io.meshlog.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Both event topics merged into one sequence, oldest first (log time, then config before workload, then
 * offset). Each topic has one partition, so within a topic this is its offset order.
 */
public final class EventLog {
  private static final Comparator<LogEvent> ORDER = Comparator.comparing(LogEvent::time)
      .thenComparing(LogEvent::stream)
      .thenComparingLong(LogEvent::offset);

  private final List<LogEvent> events;

  public EventLog(List<LogEvent> events) {
    List<LogEvent> sorted = new ArrayList<>(events);
    sorted.sort(ORDER);
    this.events = List.copyOf(sorted);
  }

  public List<LogEvent> events() {
    return events;
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  public Optional<LogEvent> first() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0));
  }

  public Optional<LogEvent> last() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
  }

  /** The point just after the whole log. */
  public LogPoint end() {
    return after(events.size());
  }

  /** The point after the first {@code count} events of the merged sequence (what {@code @N} names). */
  public LogPoint after(int count) {
    long config = 0;
    long workload = 0;
    for (LogEvent e : events.subList(0, count)) {
      if (e.stream() == EventStream.CONFIG) {
        config = Math.max(config, e.offset() + 1);
      } else {
        workload = Math.max(workload, e.offset() + 1);
      }
    }
    return new LogPoint(config, workload);
  }

  /** The point after every event written at or before {@code t}. */
  public LogPoint at(Instant t) {
    int n = 0;
    while (n < events.size() && !events.get(n).time().isAfter(t)) {
      n++;
    }
    return after(n);
  }

  /** How many events of the sequence a point includes. */
  public int countUpTo(LogPoint point) {
    return (int) events.stream().filter(point::includes).count();
  }

  /** The events a point includes, in order. */
  public List<LogEvent> upTo(LogPoint point) {
    return events.stream().filter(point::includes).toList();
  }

  /** The latest event time a point includes, if any. */
  public Optional<Instant> timeOf(LogPoint point) {
    return upTo(point).stream().map(LogEvent::time).max(Comparator.naturalOrder());
  }
}
