package io.meshlog.mesh;

/**
 * A registry-neutral mesh object. Every source (Istio YAML, Kubernetes, VM registration) converts to these
 * types; the compiler sees nothing else.
 */
public sealed interface MeshObject permits Service, Workload, VirtualService, DestinationRule, Sidecar, Gateway {
  ObjectRef ref();

  /** Identity in the mesh: unique across objects of all kinds and sources, stable across updates. */
  default String key() {
    return ref().kind() + "/" + ref().namespace() + "/" + ref().name();
  }
}
