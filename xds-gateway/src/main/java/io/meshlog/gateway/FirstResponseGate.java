package io.meshlog.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * Places for first responses: a stream's first response of a type (the whole subscribed config) takes a place
 * until the stream's next request of that type (its ACK or NACK) arrives, the stream ends, or the hold time
 * passes; without a free place the watch waits ({@link MeshConfigWatcher} queues it in arrival order). So a
 * reconnect storm is served a bounded number of full snapshots at a time, each freed by the proxy having read
 * it, instead of all of them being written into socket buffers at once. Guarded by the watcher's lock.
 */
final class FirstResponseGate {
  /** Numbers for tests and status: the bound, places taken now and at most, and watches that had to wait. */
  record Stats(int limit, int inFlight, int peak, long waited) {}

  private record Place(long streamId, String typeUrl) {}

  private final int limit;
  private final long holdNanos;
  private final Map<Place, Long> taken = new HashMap<>(); // -> System.nanoTime() when taken
  private int peak;
  private long waited;

  FirstResponseGate(StreamLimits limits) {
    this.limit = limits.firstResponsesInFlight();
    this.holdNanos = limits.firstResponseHold().toNanos();
  }

  boolean available() {
    return taken.size() < limit;
  }

  /** Takes a place for this stream's first response of {@code typeUrl}; false when none is free. */
  boolean tryTake(StreamState stream, String typeUrl) {
    if (!available()) {
      return false;
    }
    taken.put(new Place(stream.id, typeUrl), System.nanoTime());
    peak = Math.max(peak, taken.size());
    return true;
  }

  /** Frees the stream's place for the type, if it held one; true when a place was freed. */
  boolean free(StreamState stream, String typeUrl) {
    return taken.remove(new Place(stream.id, typeUrl)) != null;
  }

  boolean freeAll(StreamState stream) {
    return taken.keySet().removeIf(p -> p.streamId() == stream.id);
  }

  /** Frees places held longer than the hold time (a proxy that never answers must not keep one). */
  boolean expire(long nowNanos) {
    return taken.values().removeIf(since -> nowNanos - since > holdNanos);
  }

  void waitedOnce() {
    waited++;
  }

  Stats stats() {
    return new Stats(limit, taken.size(), peak, waited);
  }
}
