package io.meshlog.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * A config object as a registry holds it now (an Istio object, a Kubernetes Service), before it becomes an event.
 *
 * @param specJson canonical JSON, so an unchanged object always hashes the same
 * @param appliedBy recorded as the event's origin, e.g. {@code kubernetes/cluster-a} or {@code file:mesh/vs.yaml}
 * @param resourceVersion the registry's own version, or null
 */
public record SourceConfig(String apiVersion, String kind, String namespace, String name, Map<String, String> labels,
    String specJson, String appliedBy, String resourceVersion) {
  public SourceConfig {
    labels = new TreeMap<>(labels);
  }
}
