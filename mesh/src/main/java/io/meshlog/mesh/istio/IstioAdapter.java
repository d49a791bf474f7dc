package io.meshlog.mesh.istio;

import io.meshlog.mesh.MeshObject;

/**
 * Converts an Istio object (its canonical spec JSON) to the registry-neutral mesh model. Used by ingest to
 * validate before publishing, and by the compiler to decode config events: one conversion, two callers.
 */
public final class IstioAdapter {
  private IstioAdapter() {}

  /**
   * @param registry source registry of a WorkloadEntry (the model's Workload needs it); ignored for other kinds
   * @param cluster source cluster of a WorkloadEntry; ignored for other kinds
   */
  public static MeshObject toModel(IstioObject object, String registry, String cluster) throws ValidationException {
    throw new UnsupportedOperationException("TODO");
  }
}
