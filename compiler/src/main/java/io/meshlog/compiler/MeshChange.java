package io.meshlog.compiler;

import io.meshlog.mesh.MeshObject;

/** A decoded event: an object to add or replace, or the key of one to remove. */
sealed interface MeshChange {
  record Upsert(MeshObject object) implements MeshChange {}

  record Delete(String key) implements MeshChange {}
}
