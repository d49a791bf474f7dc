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
 * replay can name a proxy by its node id. The proxy-status topic (compacted, keyed by nodeId|gatewayId) holds what
 * each gateway sent each proxy and what it ACKed or NACKed, for {@code meshlog proxy-status}. The
 * rejected-changes topic records objects a registry offered that ingest could not accept, for
 * {@code meshlog rejections}. The source-configs topic (compacted, keyed registry/cluster/kind/namespace/name)
 * holds each registry's own copy of the config objects it offers, so that ingest instances can merge the copies
 * of an object several registries hold into the one config event the compiler reads.
 */
public record Topics(
    String configEvents, String workloadEvents, String xdsResources, String gatewayStatus, String proxies,
    String proxyStatus, String rejections, String sourceConfigs) {

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
        prefix + "proxies",
        prefix + "proxy-status",
        prefix + "rejected-changes",
        prefix + "source-configs");
  }

  private static final Map<String, String> KEEP_FOREVER =
      Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete");
  // Rejections are for operators, not the source of truth: a week is enough.
  private static final Map<String, String> REJECTIONS =
      Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000), "cleanup.policy", "delete");
  private static final Map<String, String> COMPACTED =
      Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000");

  /**
   * A sidecar's per-port route configuration holds a virtual host for every service on the port: about 120 bytes
   * a service, so 1.2 MB at 10,000 services, past Kafka's default 1 MB record limit.
   */
  public static final int MAX_RESOURCE_BYTES = 32 * 1024 * 1024;

  private static final Map<String, String> RESOURCES = Map.of("cleanup.policy", "compact", "min.compaction.lag.ms",
      "60000", "max.message.bytes", Integer.toString(MAX_RESOURCE_BYTES));

  /** The topics to create, with partitions and configs. */
  public List<TopicSpec> specs(int resourcePartitions) {
    return List.of(
        new TopicSpec(configEvents, 1, KEEP_FOREVER),
        new TopicSpec(workloadEvents, 1, KEEP_FOREVER),
        new TopicSpec(xdsResources, resourcePartitions, RESOURCES),
        new TopicSpec(gatewayStatus, 1, COMPACTED),
        new TopicSpec(proxies, 1, COMPACTED),
        new TopicSpec(proxyStatus, 1, COMPACTED),
        new TopicSpec(rejections, 1, REJECTIONS),
        new TopicSpec(sourceConfigs, 1, COMPACTED));
  }

  public List<TopicSpec> specs() {
    return specs(3);
  }
}
