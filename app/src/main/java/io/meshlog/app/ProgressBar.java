package io.meshlog.app;

import io.meshlog.history.ProgressLine;

/** A one-line progress bar on stderr, redrawn at most every 100 ms; silent when disabled. */
final class ProgressBar implements AutoCloseable {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final boolean enabled;
  private final long start = System.nanoTime();
  private long lastDraw;
  private long done;
  private long total = -1;
  private boolean drawn;

  ProgressBar(boolean enabled) {
    this.enabled = enabled;
  }

  void update(long done, long total) {
    this.done = done;
    this.total = total;
    long now = System.nanoTime();
    if (enabled && now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(now);
    }
  }

  private void draw(long now) {
    double seconds = Math.max(1e-3, (now - start) / 1e9);
    System.err.print("\rreading log " + ProgressLine.format(done, total, done / seconds));
    System.err.flush();
    drawn = true;
  }

  @Override
  public void close() {
    if (enabled) {
      draw(System.nanoTime());
      if (drawn) {
        System.err.println();
      }
    }
  }
}
