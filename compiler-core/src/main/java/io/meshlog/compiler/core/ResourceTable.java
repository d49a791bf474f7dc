package io.meshlog.compiler.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The current output, with each resource owned by the piece of IR it was compiled from (a service port or a
 * sidecar port aggregate). Remembers what a change touched so the delta lists only real differences.
 */
final class ResourceTable {
  private final TreeMap<ResourceKey, CompiledResource> current = new TreeMap<>();
  // Looked up only, never iterated: its order cannot reach the output.
  private final Map<Object, Set<ResourceKey>> owned = new HashMap<>();
  private final TreeMap<ResourceKey, Optional<CompiledResource>> before = new TreeMap<>();

  /** Replaces everything {@code owner} produced with {@code fresh} (empty: the owner is gone). */
  void replace(Object owner, SortedMap<ResourceKey, CompiledResource> fresh) {
    for (ResourceKey key : owned.getOrDefault(owner, Set.of())) {
      if (!fresh.containsKey(key)) {
        touch(key);
        current.remove(key);
      }
    }
    for (CompiledResource r : fresh.values()) {
      touch(r.key());
      current.put(r.key(), r);
    }
    if (fresh.isEmpty()) {
      owned.remove(owner);
    } else {
      owned.put(owner, Set.copyOf(fresh.keySet()));
    }
  }

  /** What changed since the last call, in key order. */
  CompileDelta takeDelta() {
    List<CompiledResource> upserts = new ArrayList<>();
    List<ResourceKey> removals = new ArrayList<>();
    before.forEach((key, was) -> {
      CompiledResource now = current.get(key);
      if (now == null && was.isPresent()) {
        removals.add(key);
      } else if (now != null && !was.map(now::equals).orElse(false)) {
        upserts.add(now);
      }
    });
    before.clear();
    return new CompileDelta(upserts, removals);
  }

  SortedMap<ResourceKey, CompiledResource> snapshot() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(current));
  }

  private void touch(ResourceKey key) {
    before.computeIfAbsent(key, k -> Optional.ofNullable(current.get(k)));
  }
}
