package io.meshlog.compiler.core;

import java.util.List;

/**
 * What one change did to the compiled output: resources added or changed, and resources removed, each list in
 * {@link ResourceKey} order (clusters and endpoints before listeners and routes).
 */
public record CompileDelta(List<CompiledResource> upserts, List<ResourceKey> removals) {
  public CompileDelta {
    upserts = List.copyOf(upserts);
    removals = List.copyOf(removals);
  }

  public boolean isEmpty() {
    return upserts.isEmpty() && removals.isEmpty();
  }
}
