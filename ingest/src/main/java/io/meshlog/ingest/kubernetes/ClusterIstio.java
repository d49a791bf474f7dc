package io.meshlog.ingest.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.meshlog.ingest.Rejection;
import io.meshlog.ingest.SourceConfig;
import io.meshlog.ingest.SourceWorkload;
import io.meshlog.ingest.Workloads;
import io.meshlog.mesh.Workload;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.mesh.istio.ValidationException;
import java.util.List;
import java.util.Set;

/**
 * Istio objects stored in a cluster's API (pure), through the same parser and adapter as files and
 * {@code meshlog apply}: only the identity, labels and spec are read (the server's metadata and status are
 * not config), the spec becomes canonical JSON, and an object that does not validate is a rejection.
 */
final class ClusterIstio {
  static final String GROUP = "networking.istio.io";
  static final List<String> KINDS =
      List.of("DestinationRule", "Gateway", "ServiceEntry", "VirtualService", "WorkloadEntry");
  static final String WORKLOAD_ENTRY = "WorkloadEntry";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The accepted objects and the rejections of one cluster. */
  record Result(List<SourceConfig> configs, List<SourceWorkload> workloads, List<Rejection> rejections) {}

  private ClusterIstio() {}

  /**
   * @param taken namespace/name of the pods already made workloads: a WorkloadEntry of the same name would
   *     share their key, so it is rejected rather than silently replacing one of them
   */
  static void add(ClusterSnapshot.Settings settings, GenericKubernetesResource r, String appliedBy, Set<String> taken,
      Result out) {
    String ns = r.getMetadata().getNamespace();
    String name = r.getMetadata().getName();
    IstioObject o;
    try {
      o = IstioYaml.parse(document(r), appliedBy + " " + r.getKind() + " " + ns + "/" + name, ns).get(0);
      if (WORKLOAD_ENTRY.equals(o.kind())) {
        if (taken.contains(ns + "/" + name)) {
          out.rejections().add(new Rejection(o.kind(), ns, name,
              "a pod " + ns + "/" + name + " in this cluster already has this workload name", appliedBy));
          return;
        }
        Workload model = (Workload) IstioAdapter.toModel(o, "kubernetes", settings.clusterId());
        out.workloads().add(new SourceWorkload(o.apiVersion(), o.kind(), ns, name, Workloads.of(model.endpoint()),
            appliedBy));
        return;
      }
    } catch (ValidationException e) {
      out.rejections().add(new Rejection(r.getKind(), ns, name, e.getMessage(), appliedBy));
      return;
    }
    out.configs().add(new SourceConfig(o.apiVersion(), o.kind(), ns, name, o.labels(), o.specJson(), appliedBy,
        r.getMetadata().getResourceVersion()));
  }

  /** The object as a config document: apiVersion, kind, name, namespace, labels and spec; nothing else. */
  private static String document(GenericKubernetesResource r) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("apiVersion", r.getApiVersion());
    doc.put("kind", r.getKind());
    ObjectNode metadata = doc.putObject("metadata");
    metadata.put("name", r.getMetadata().getName());
    metadata.put("namespace", r.getMetadata().getNamespace());
    if (r.getMetadata().getLabels() != null) {
      metadata.set("labels", JSON.valueToTree(r.getMetadata().getLabels()));
    }
    Object spec = r.getAdditionalProperties().get("spec");
    if (spec != null) {
      doc.set("spec", JSON.valueToTree(spec));
    }
    return doc.toString();
  }
}
