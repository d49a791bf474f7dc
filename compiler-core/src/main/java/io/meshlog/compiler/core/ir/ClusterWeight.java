package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.DestinationHeaders;

/** A route target: a cluster, its share of the traffic, and header edits for requests sent there. */
public record ClusterWeight(String cluster, int weight, DestinationHeaders headers) {
  public ClusterWeight {
    headers = headers == null ? DestinationHeaders.NONE : headers;
  }

  public ClusterWeight(String cluster, int weight) {
    this(cluster, weight, DestinationHeaders.NONE);
  }
}
