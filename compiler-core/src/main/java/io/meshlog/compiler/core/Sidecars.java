package io.meshlog.compiler.core;

/** Where a scope's Sidecar lives in the mesh index. */
final class Sidecars {
  private Sidecars() {}

  /** The {@link io.meshlog.mesh.MeshObject#key()} of the Sidecar whose scope id is {@code namespace/name}. */
  static String key(String scopeId) {
    return "Sidecar/" + scopeId;
  }
}
