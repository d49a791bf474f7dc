package io.meshlog.bench;

/**
 * The most live threads the gateway JVM reported ({@code jvm_threads_live_threads} on /metrics) while it ran,
 * polled every 100 ms: a storm's threads come and go, so the count after it is over says little.
 */
final class ThreadPeak implements AutoCloseable {
  private final Thread poller;
  private volatile boolean stop;
  private volatile double peak;

  ThreadPeak(GatewayProcess gw) {
    poller = new Thread(() -> {
      while (!stop) {
        try {
          peak = Math.max(peak, gw.metricSum("jvm_threads_live_threads", ""));
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (Exception busy) {
          // the admin endpoint may be slow while the gateway is saturated: try again
        }
      }
    }, "bench-thread-peak");
    poller.setDaemon(true);
    poller.start();
  }

  double peak() {
    return peak;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    poller.interrupt();
    poller.join(5000);
  }
}
