package io.meshlog.ingest.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.List;

/**
 * What the informers of one cluster hold at one moment: the input of {@link ClusterSnapshot}.
 *
 * @param nodes for locality; empty when they cannot be read (no RBAC), then the fallbacks apply
 * @param istio Istio config objects (VirtualService, DestinationRule, ServiceEntry, WorkloadEntry) as the API
 *     server stores them, untyped, so a malformed one is rejected here rather than failing the informer
 */
public record ClusterState(Collection<Namespace> namespaces, Collection<Service> services,
    Collection<EndpointSlice> slices, Collection<Pod> pods, Collection<Node> nodes,
    Collection<GenericKubernetesResource> istio) {
  public ClusterState {
    namespaces = List.copyOf(namespaces);
    services = List.copyOf(services);
    slices = List.copyOf(slices);
    pods = List.copyOf(pods);
    nodes = List.copyOf(nodes);
    istio = List.copyOf(istio);
  }

  /** No Nodes and no Istio objects: a cluster without either, or whose informers could not start. */
  public static ClusterState core(Collection<Namespace> namespaces, Collection<Service> services,
      Collection<EndpointSlice> slices, Collection<Pod> pods) {
    return new ClusterState(namespaces, services, slices, pods, List.of(), List.of());
  }
}
