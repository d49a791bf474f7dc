package io.meshlog.history;

/** The text of a replay's progress bar: {@code [#####.....] 1200/5000 events  3400 ev/s}. */
public final class ProgressLine {
  private static final int WIDTH = 30;

  private ProgressLine() {}

  /** {@code total} < 0 when unknown. */
  public static String format(long done, long total, double eventsPerSecond) {
    String rate = String.format("%,.0f ev/s", eventsPerSecond);
    if (total <= 0) {
      return String.format("%,d events  %s", done, rate);
    }
    int filled = (int) Math.min(WIDTH, WIDTH * done / total);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format("%,d/%,d events  %s", done, total, rate);
  }
}
