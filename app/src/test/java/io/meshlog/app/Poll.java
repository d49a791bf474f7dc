package io.meshlog.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it, up to a generous deadline: tests never assume how fast things are. */
final class Poll {
  private Poll() {}

  static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
