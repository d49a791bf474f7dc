package io.meshlog.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the T of {@code --at}, {@code --from}, {@code --to}, {@code --since}, {@code --until} and resolves it
 * against the log. Forms:
 *
 * <ul>
 *   <li>ISO-8601: {@code 2026-03-01T10:15:30Z}, {@code 2026-03-01T11:15:30+01:00}; without a zone, UTC;
 *   <li>relative to now: {@code -15m}, {@code -2h}, {@code -1d}, {@code -1h30m}, {@code -45s}; {@code now};
 *   <li>log offsets: {@code offset:<configEnd>,<workloadEnd>} (see {@link LogPoint});
 *   <li>event count: {@code @N}, the state after the first N events as numbered by {@code meshlog history}.
 * </ul>
 */
public sealed interface TimeSpec {
  record AtInstant(Instant instant, String text) implements TimeSpec {}

  record AtPoint(LogPoint point, String text) implements TimeSpec {}

  record AtCount(int count, String text) implements TimeSpec {}

  String text();

  Pattern RELATIVE = Pattern.compile("-((?:\\d+[smhd])+)");
  Pattern RELATIVE_PART = Pattern.compile("(\\d+)([smhd])");
  Pattern COUNT = Pattern.compile("@(\\d+)");

  /** Parses {@code text}; {@code now} anchors the relative forms. */
  static TimeSpec parse(String text, Instant now) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      throw new TimeTravelException("empty time: " + FORMS);
    }
    if (t.equals("now")) {
      return new AtInstant(now, t);
    }
    Matcher rel = RELATIVE.matcher(t);
    if (rel.matches()) {
      Duration ago = Duration.ZERO;
      Matcher part = RELATIVE_PART.matcher(rel.group(1));
      while (part.find()) {
        long n = Long.parseLong(part.group(1));
        ago = ago.plus(switch (part.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      }
      return new AtInstant(now.minus(ago), t);
    }
    Matcher count = COUNT.matcher(t);
    if (count.matches()) {
      try {
        return new AtCount(Integer.parseInt(count.group(1)), t);
      } catch (NumberFormatException e) {
        throw new TimeTravelException("event number out of range: \"" + t + "\"");
      }
    }
    if (t.startsWith("offset:")) {
      LogPoint p = LogPoint.parse(t);
      if (p == null) {
        throw new TimeTravelException("cannot parse \"" + t + "\": the offset form is offset:<configEnd>,<workloadEnd>");
      }
      return new AtPoint(p, t);
    }
    try {
      return new AtInstant(OffsetDateTime.parse(t).toInstant(), t);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return new AtInstant(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC), t);
    } catch (DateTimeParseException e) {
      throw new TimeTravelException("cannot parse time \"" + t + "\": " + FORMS);
    }
  }

  String FORMS = "use an ISO-8601 time (2026-03-01T10:15:30Z), a relative one (-15m, -2h, -1d, now), "
      + "offset:<configEnd>,<workloadEnd> or @N (after the first N events of meshlog history)";

  /**
   * The point of the log this T names. Rejects a T before the first event, in the future, or past the end of
   * the log, so a typo never silently replays an empty or current mesh.
   */
  default LogPoint resolve(EventLog log, Instant now) {
    if (log.isEmpty()) {
      throw new TimeTravelException("the event log is empty: there is no history to travel to");
    }
    LogPoint end = log.end();
    LogEvent first = log.first().orElseThrow();
    if (this instanceof AtInstant a) {
      if (a.instant().isAfter(now)) {
        throw new TimeTravelException("time " + text() + " (" + a.instant() + ") is in the future (now is " + now + ")");
      }
      if (a.instant().isBefore(first.time())) {
        throw new TimeTravelException("time " + text() + " (" + a.instant() + ") is before the first event ("
            + first.time() + ")");
      }
      return log.at(a.instant());
    }
    if (this instanceof AtCount c) {
      if (c.count() == 0) {
        throw new TimeTravelException("@0 is before the first event: events are numbered from 1");
      }
      if (c.count() > log.events().size()) {
        throw new TimeTravelException(text() + " is past the end of the log: it has " + log.events().size() + " events");
      }
      return log.after(c.count());
    }
    LogPoint p = ((AtPoint) this).point();
    if (p.configEnd() > end.configEnd() || p.workloadEnd() > end.workloadEnd()) {
      throw new TimeTravelException(text() + " is past the end of the log (" + end + ")");
    }
    if (log.countUpTo(p) == 0) {
      throw new TimeTravelException(text() + " is before the first event (" + log.after(1) + " is the first point)");
    }
    return p;
  }
}
