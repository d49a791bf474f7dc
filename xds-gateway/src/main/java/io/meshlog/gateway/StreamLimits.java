package io.meshlog.gateway;

import java.time.Duration;

/**
 * How much of the machine xDS streams may take at once.
 *
 * @param serverThreads threads running every stream's gRPC callbacks (requests, ACKs). Their work is CPU only,
 *     under the watcher's one lock, so more threads than cores only add contention; grpc-java's default, a
 *     cached pool, grew one thread per blocked callback (measured: 5,937 threads for 10,000 streams)
 * @param firstResponsesInFlight streams that may hold a first response of a type not yet ACKed or NACKed; the
 *     rest wait in arrival order. In a reconnect storm this bounds what sits in socket buffers for proxies that
 *     have not read it yet (a first response is the whole subscribed config, megabytes for a sidecar)
 * @param firstResponseHold a proxy that neither ACKs nor NACKs its first response frees its place after this
 */
public record StreamLimits(int serverThreads, int firstResponsesInFlight, Duration firstResponseHold) {
  public StreamLimits {
    if (serverThreads < 1) {
      throw new IllegalArgumentException("serverThreads must be >= 1: " + serverThreads);
    }
    if (firstResponsesInFlight < 1) {
      throw new IllegalArgumentException("firstResponsesInFlight must be >= 1: " + firstResponsesInFlight);
    }
    if (firstResponseHold.isNegative() || firstResponseHold.isZero()) {
      throw new IllegalArgumentException("firstResponseHold must be positive: " + firstResponseHold);
    }
  }

  /** One server thread per core (at least 2), 256 first responses in flight, each held at most 5 s. */
  public static StreamLimits defaults() {
    return new StreamLimits(Math.max(2, Runtime.getRuntime().availableProcessors()), 256, Duration.ofSeconds(5));
  }
}
