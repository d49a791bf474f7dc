package io.meshlog.history;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Health;
import io.meshlog.events.ObjectId;
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
 * Events read as mesh model objects, through the same adapters ingest validated them with. The one place that
 * does this: the compiler and a replay decode alike, so a replay compiles exactly what the compiler compiled.
 */
public final class EventModels {
  private EventModels() {}

  static MeshObject toModel(LogEvent e) throws ValidationException {
    return e.event() instanceof ConfigEvent c ? toModel(c) : toModel((WorkloadEvent) e.event());
  }

  /** The object an UPSERT config event describes: Kubernetes Services (one per cluster), else Istio kinds. */
  public static MeshObject toModel(ConfigEvent c) throws ValidationException {
    ObjectId id = c.getId();
    if (KubernetesAdapter.handles(c.getApiVersion(), id.getKind())) {
      return KubernetesAdapter.toModel(id.getCluster(), id.getNamespace(), id.getName(), c.getSpec());
    }
    IstioObject o = new IstioObject(c.getApiVersion(), id.getKind(), id.getNamespace(), id.getName(),
        c.getLabels(), c.getSpec());
    return IstioAdapter.toModel(o, id.getRegistry(), id.getCluster());
  }

  /** The workload an UPSERT workload event describes. */
  public static Workload toModel(WorkloadEvent e) {
    var w = e.getWorkload();
    Endpoint endpoint = new Endpoint(w.getAddress(), w.getPorts(), w.getLabels(), w.getNetwork(), w.getLocality(),
        w.getWeight(), w.getServiceAccount(), w.getHealth() == Health.HEALTHY);
    return new Workload(ref(e.getId()), e.getId().getRegistry(), e.getId().getCluster(), endpoint);
  }

  /**
   * The {@link MeshObject#key()} of the object a config event is about; a DELETE carries the apiVersion of the
   * object it removes (ingest copies it), so this works for both operations.
   */
  public static String modelKey(ConfigEvent c) {
    ObjectId id = c.getId();
    return KubernetesAdapter.handles(c.getApiVersion(), id.getKind())
        ? KubernetesAdapter.modelKey(id.getCluster(), id.getNamespace(), id.getName())
        : id.getKind() + "/" + id.getNamespace() + "/" + id.getName();
  }

  /** The {@link MeshObject#key()} of the workload a workload event is about. */
  public static String modelKey(WorkloadEvent e) {
    ObjectId id = e.getId();
    return new Workload(ref(id), id.getRegistry(), id.getCluster(), null).key();
  }

  private static ObjectRef ref(ObjectId id) {
    return new ObjectRef(id.getKind(), id.getNamespace(), id.getName());
  }
}
