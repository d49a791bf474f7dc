package io.meshlog.mesh;

import java.util.Map;

/** A named group of a service's endpoints, selected by labels, with an optional policy of its own. */
public record Subset(String name, Map<String, String> labels, TrafficPolicy trafficPolicy) {
  public Subset {
    labels = Map.copyOf(labels);
  }
}
