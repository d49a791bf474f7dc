package io.meshlog.ingest;

import java.util.List;
import java.util.Set;

/**
 * Everything one registry (one registry kind and cluster) holds now. {@link SourceSync} makes the log equal to
 * it, so a source never needs to remember what it published.
 *
 * @param heldOrigins events whose origin ({@code appliedBy}) is in here are left as they are, neither changed nor
 *     deleted: the folder source holds the objects of a file that fails to parse
 */
public record SourceSnapshot(
    List<SourceConfig> configs, List<SourceWorkload> workloads, List<Rejection> rejections, Set<String> heldOrigins) {
  public SourceSnapshot {
    configs = List.copyOf(configs);
    workloads = List.copyOf(workloads);
    rejections = List.copyOf(rejections);
    heldOrigins = Set.copyOf(heldOrigins);
  }

  public static SourceSnapshot of(List<SourceConfig> configs, List<SourceWorkload> workloads, List<Rejection> rejections) {
    return new SourceSnapshot(configs, workloads, rejections, Set.of());
  }
}
