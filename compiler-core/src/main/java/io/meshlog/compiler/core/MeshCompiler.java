package io.meshlog.compiler.core;

import io.meshlog.mesh.MeshObject;
import java.util.SortedMap;

/**
 * The compile core: a deterministic state machine from mesh changes to xDS resources. Same changes in, same
 * bytes out. Each change recompiles only the resources that depend on it.
 */
public final class MeshCompiler {
  /** Recorded on every output record, so a replay can tell whether it would reproduce the same bytes. */
  public static final String VERSION = "meshlog-compiler/1";

  /** Adds or replaces the object with the same {@link MeshObject#key()}. */
  public CompileDelta upsert(MeshObject object) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Removes the object with this key; a key not present is a no-op. */
  public CompileDelta delete(String key) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The whole current output. */
  public SortedMap<ResourceKey, CompiledResource> resources() {
    throw new UnsupportedOperationException("TODO");
  }
}
