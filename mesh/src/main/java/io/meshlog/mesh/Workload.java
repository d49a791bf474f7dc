package io.meshlog.mesh;

/**
 * A workload instance from some registry: a WorkloadEntry, a Kubernetes pod's endpoint, a registered VM.
 * The same namespace/name in two clusters are two workloads, so the key includes registry and cluster.
 */
public record Workload(ObjectRef ref, String registry, String cluster, Endpoint endpoint) implements MeshObject {
  @Override
  public String key() {
    return "Workload/" + registry + "/" + cluster + "/" + ref.namespace() + "/" + ref.name();
  }
}
