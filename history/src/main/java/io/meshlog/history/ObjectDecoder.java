package io.meshlog.history;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Health;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Workload;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.ValidationException;
import io.meshlog.mesh.kubernetes.KubernetesAdapter;

/**
 * An event's object as the mesh model, through the same adapters ingest validated it with and the
 * compiler decodes it with, so a replay compiles exactly what the compiler compiled.
 */
final class ObjectDecoder {
  private ObjectDecoder() {}

  static MeshObject toModel(LogEvent e) throws ValidationException {
    var id = e.id();
    if (e.event() instanceof ConfigEvent c) {
      // The same dispatch as the compiler's EventDecoder: Kubernetes Services (one per cluster), else Istio.
      if (KubernetesAdapter.handles(c.getApiVersion(), id.getKind())) {
        return KubernetesAdapter.toModel(id.getCluster(), id.getNamespace(), id.getName(), c.getSpec());
      }
      IstioObject o = new IstioObject(c.getApiVersion(), id.getKind(), id.getNamespace(), id.getName(),
          c.getLabels(), c.getSpec());
      return IstioAdapter.toModel(o, id.getRegistry(), id.getCluster());
    }
    var w = ((WorkloadEvent) e.event()).getWorkload();
    Endpoint endpoint = new Endpoint(w.getAddress(), w.getPorts(), w.getLabels(), w.getNetwork(), w.getLocality(),
        w.getWeight(), w.getServiceAccount(), w.getHealth() == Health.HEALTHY);
    return new Workload(new ObjectRef(id.getKind(), id.getNamespace(), id.getName()), id.getRegistry(),
        id.getCluster(), endpoint);
  }
}
