package io.meshlog.ingest.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import java.util.Map;

/**
 * A pod's locality {@code region/zone[/subzone]} (pure), as Istio derives it: from the well-known topology
 * labels of the pod's node; without them the region is the configured one (else the cluster ID) and the zone
 * the EndpointSlice's.
 */
final class Localities {
  static final String REGION = "topology.kubernetes.io/region";
  static final String ZONE = "topology.kubernetes.io/zone";
  static final String SUBZONE = "topology.istio.io/subzone";
  // Older clusters still label nodes with the deprecated beta names only.
  static final String LEGACY_REGION = "failure-domain.beta.kubernetes.io/region";
  static final String LEGACY_ZONE = "failure-domain.beta.kubernetes.io/zone";

  private Localities() {}

  /**
   * @param node the pod's node, or null when unknown (not scheduled, nodes not readable)
   * @param sliceZone the EndpointSlice endpoint's zone, or empty
   */
  static String of(ClusterSnapshot.Settings settings, Node node, String sliceZone) {
    Map<String, String> labels = node == null || node.getMetadata().getLabels() == null
        ? Map.of() : node.getMetadata().getLabels();
    String configured = settings.region() == null || settings.region().isEmpty() ? settings.clusterId() : settings.region();
    String region = first(labels.get(REGION), labels.get(LEGACY_REGION), configured);
    String zone = first(labels.get(ZONE), labels.get(LEGACY_ZONE), sliceZone);
    String subzone = first(labels.get(SUBZONE), "", "");
    if (zone.isEmpty()) {
      return region;
    }
    return subzone.isEmpty() ? region + "/" + zone : region + "/" + zone + "/" + subzone;
  }

  private static String first(String a, String b, String fallback) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    if (b != null && !b.isEmpty()) {
      return b;
    }
    return fallback == null ? "" : fallback;
  }
}
