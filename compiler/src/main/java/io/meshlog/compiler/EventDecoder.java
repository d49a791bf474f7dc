package io.meshlog.compiler;

import io.meshlog.compiler.core.MeshChange;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Operation;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.history.EventModels;
import io.meshlog.mesh.istio.ValidationException;

/** Events as mesh model changes; the decoding itself is {@link EventModels}, shared with replay. */
final class EventDecoder {
  private EventDecoder() {}

  static MeshChange decode(ConfigEvent e) throws ValidationException {
    return e.getOperation() == Operation.DELETE
        ? new MeshChange.Delete(EventModels.modelKey(e))
        : new MeshChange.Upsert(EventModels.toModel(e));
  }

  static MeshChange decode(WorkloadEvent e) {
    return e.getOperation() == Operation.DELETE
        ? new MeshChange.Delete(EventModels.modelKey(e))
        : new MeshChange.Upsert(EventModels.toModel(e));
  }
}
