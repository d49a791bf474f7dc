package io.meshlog.compiler;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Health;
import io.meshlog.events.Operation;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Workload;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.ValidationException;
import io.meshlog.mesh.kubernetes.KubernetesAdapter;

/**
 * Decodes events into mesh model changes, through the same adapters ingest validated them with: Kubernetes
 * Services (kind Service, one per cluster) through the Kubernetes adapter, everything else through Istio's.
 */
final class EventDecoder {
  private EventDecoder() {}

  static MeshChange decode(ConfigEvent e) throws ValidationException {
    var id = e.getId();
    // A DELETE carries the apiVersion of the object it removes (ingest copies it).
    boolean kubernetes = KubernetesAdapter.handles(e.getApiVersion(), id.getKind());
    if (e.getOperation() == Operation.DELETE) {
      // Same identity as MeshObject.key() of the object it removes.
      return new MeshChange.Delete(kubernetes
          ? KubernetesAdapter.modelKey(id.getCluster(), id.getNamespace(), id.getName())
          : id.getKind() + "/" + id.getNamespace() + "/" + id.getName());
    }
    if (kubernetes) {
      return new MeshChange.Upsert(KubernetesAdapter.toModel(id.getCluster(), id.getNamespace(), id.getName(), e.getSpec()));
    }
    IstioObject o = new IstioObject(e.getApiVersion(), id.getKind(), id.getNamespace(), id.getName(),
        e.getLabels(), e.getSpec());
    return new MeshChange.Upsert(IstioAdapter.toModel(o, id.getRegistry(), id.getCluster()));
  }

  static MeshChange decode(WorkloadEvent e) {
    var id = e.getId();
    ObjectRef ref = new ObjectRef(id.getKind(), id.getNamespace(), id.getName());
    if (e.getOperation() == Operation.DELETE) {
      return new MeshChange.Delete(new Workload(ref, id.getRegistry(), id.getCluster(), null).key());
    }
    var w = e.getWorkload();
    Endpoint endpoint = new Endpoint(w.getAddress(), w.getPorts(), w.getLabels(), w.getNetwork(), w.getLocality(),
        w.getWeight(), w.getServiceAccount(), w.getHealth() == Health.HEALTHY);
    return new MeshChange.Upsert(new Workload(ref, id.getRegistry(), id.getCluster(), endpoint));
  }
}
