package io.meshlog.compiler.core;

import io.meshlog.mesh.MeshObject;

/** One change to the mesh: an object to add or replace, or the key of one to remove. */
public sealed interface MeshChange {
  record Upsert(MeshObject object) implements MeshChange {}

  record Delete(String key) implements MeshChange {}
}
