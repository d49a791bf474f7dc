package io.meshlog.app;

import java.util.concurrent.CountDownLatch;

/** Keeps a component running until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes it. */
final class RunUntilStopped {
  private RunUntilStopped() {}

  static int run(AutoCloseable component) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        component.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e);
      }
      stopped.countDown();
    }, "meshlog-shutdown"));
    stopped.await();
    return 0;
  }
}
