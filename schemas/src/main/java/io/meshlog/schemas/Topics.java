package io.meshlog.schemas;

import java.util.List;
import java.util.Map;

/**
 * Every topic meshlog reads or writes, with its configuration, in one immutable place.
 *
 * <p>Event topics are the source of truth and keep everything ({@code retention.ms=-1}); they have one
 * partition so the log has one total order that history, replay and rollback can name by offset. The
 * resource and status topics are derived and compacted: the latest value per key is all a gateway needs. The
 * proxies topic (compacted, keyed by node id) records which proxy class each connecting node was served, so a
 * replay can name a proxy by its node id.
 */
public record Topics(
    String configEvents, String workloadEvents, String xdsResources, String gatewayStatus, String proxies) {

  public static final String DEFAULT_PREFIX = "meshlog.";

  public static Topics defaults() {
    return withPrefix(DEFAULT_PREFIX);
  }

  /** Topic names under a prefix, so several meshes (or tests) can share one Kafka cluster. */
  public static Topics withPrefix(String prefix) {
    return new Topics(
        prefix + "config-events",
        prefix + "workload-events",
        prefix + "xds-resources",
        prefix + "gateway-status",
        prefix + "proxies");
  }

  private static final Map<String, String> KEEP_FOREVER =
      Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete");
  private static final Map<String, String> COMPACTED =
      Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000");

  /** The topics to create, with partitions and configs. */
  public List<TopicSpec> specs(int resourcePartitions) {
    return List.of(
        new TopicSpec(configEvents, 1, KEEP_FOREVER),
        new TopicSpec(workloadEvents, 1, KEEP_FOREVER),
        new TopicSpec(xdsResources, resourcePartitions, COMPACTED),
        new TopicSpec(gatewayStatus, 1, COMPACTED),
        new TopicSpec(proxies, 1, COMPACTED));
  }

  public List<TopicSpec> specs() {
    return specs(3);
  }
}
