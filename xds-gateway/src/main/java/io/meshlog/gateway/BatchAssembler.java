package io.meshlog.gateway;

import io.meshlog.events.XdsResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds the records of each batch until all its indexes are present, so a proxy never sees part of one input
 * event's output (a route before its cluster). Not thread-safe: owned by the feed thread.
 */
final class BatchAssembler {

  /** A batch given up on: its records and how many were still missing. */
  record Expired(String batchId, List<XdsResource> records, int missing) {}

  private static final class Pending {
    final int size;
    final long firstSeenMs;
    final Set<Integer> seen = new HashSet<>();
    final TreeMap<Integer, XdsResource> records = new TreeMap<>();

    Pending(int size, long firstSeenMs) {
      this.size = size;
      this.firstSeenMs = firstSeenMs;
    }
  }

  private final Map<String, Pending> pending = new LinkedHashMap<>();

  /** Adds a record; returns its batch's records in index order once the batch is complete. */
  Optional<List<XdsResource>> add(XdsResource record, long nowMs) {
    String id = record.getBatch().getId();
    int size = Math.max(1, record.getBatch().getSize());
    Pending p = pending.computeIfAbsent(id, k -> new Pending(size, nowMs));
    p.seen.add(record.getBatch().getIndex());
    p.records.put(record.getBatch().getIndex(), record);
    if (p.seen.size() < p.size) {
      return Optional.empty();
    }
    pending.remove(id);
    return Optional.of(new ArrayList<>(p.records.values()));
  }

  /**
   * Forgets the records held (the caller applied them, e.g. at the end of catch-up) but remembers which
   * indexes were seen, so the rest of a batch that straddled the catch-up point completes it later.
   */
  void forgetHeldRecords(long nowMs) {
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      Pending old = e.getValue();
      Pending fresh = new Pending(old.size, nowMs);
      fresh.seen.addAll(old.seen);
      e.setValue(fresh);
    }
  }

  /** Removes and returns batches first seen more than {@code maxAgeMs} ago. */
  List<Expired> expire(long nowMs, long maxAgeMs) {
    List<Expired> out = new ArrayList<>();
    Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Pending> e = it.next();
      Pending p = e.getValue();
      if (nowMs - p.firstSeenMs > maxAgeMs) {
        it.remove();
        out.add(new Expired(e.getKey(), new ArrayList<>(p.records.values()), p.size - p.seen.size()));
      }
    }
    return out;
  }

  int pendingBatches() {
    return pending.size();
  }
}
