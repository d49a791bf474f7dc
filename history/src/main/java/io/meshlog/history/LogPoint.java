package io.meshlog.history;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in the log: the state after every config event with offset below {@code configEnd} and every
 * workload event with offset below {@code workloadEnd} (end offsets, exclusive, like Kafka's end offsets and a
 * gateway's applied offsets). Written {@code offset:<configEnd>,<workloadEnd>}.
 */
public record LogPoint(long configEnd, long workloadEnd) {
  private static final Pattern FORM = Pattern.compile("offset:(\\d+),(\\d+)");

  public LogPoint {
    if (configEnd < 0 || workloadEnd < 0) {
      throw new IllegalArgumentException("offsets must not be negative: " + configEnd + "," + workloadEnd);
    }
  }

  public boolean includes(LogEvent e) {
    return e.offset() < (e.stream() == EventStream.CONFIG ? configEnd : workloadEnd);
  }

  /** Null when {@code text} is not of the offset form. */
  static LogPoint parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      return new LogPoint(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "offset:" + configEnd + "," + workloadEnd;
  }
}
