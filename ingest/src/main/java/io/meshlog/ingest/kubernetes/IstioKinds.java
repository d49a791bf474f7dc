package io.meshlog.ingest.kubernetes;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Istio config kinds a cluster serves, and at which version. The API server serves every stored object
 * at every served version, so one version per kind is watched: the newest served (v1, else v1beta1, else
 * v1alpha3), which is what clusters with older Istio releases still have.
 */
final class IstioKinds {
  static final List<String> VERSIONS = List.of("v1", "v1beta1", "v1alpha3");

  private IstioKinds() {}

  /** Empty when Istio's CRDs are not installed (or discovery is not allowed): the cluster is read without them. */
  static List<ResourceDefinitionContext> served(KubernetesClient client) {
    List<ResourceDefinitionContext> out = new ArrayList<>();
    List<String> missing = new ArrayList<>(ClusterIstio.KINDS);
    for (String version : VERSIONS) {
      APIResourceList list;
      try {
        list = client.getApiResources(ClusterIstio.GROUP + "/" + version);
      } catch (KubernetesClientException e) {
        continue;
      }
      if (list == null) {
        continue;
      }
      for (APIResource r : list.getResources()) {
        // "virtualservices/status" and the like are subresources, not kinds.
        if (missing.contains(r.getKind()) && !r.getName().contains("/")) {
          missing.remove(r.getKind());
          out.add(new ResourceDefinitionContext.Builder().withGroup(ClusterIstio.GROUP).withVersion(version)
              .withKind(r.getKind()).withPlural(r.getName()).withNamespaced(true).build());
        }
      }
    }
    return out;
  }
}
