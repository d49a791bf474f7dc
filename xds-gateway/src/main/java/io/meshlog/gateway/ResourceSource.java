package io.meshlog.gateway;

import java.util.Map;

/**
 * Where a gateway's resources come from: the Kafka resource topic ({@link ResourceFeed}) or a fixed set
 * ({@link StaticResources}, e.g. the mesh compiled as it stood at a point of the log).
 */
interface ResourceSource extends AutoCloseable {
  /** Fills the snapshots before the xDS port is bound; returns the offsets caught up to (may be empty). */
  Map<String, Long> catchUp();

  /** Starts applying later changes, if the source has any. */
  void startFollowing();

  /** Offsets applied so far, by "topic-partition". */
  Map<String, Long> appliedOffsets();

  /** Records between what was applied and the log's end, as last measured (0 for a fixed set). */
  default long lag() {
    return 0;
  }

  @Override
  void close();
}
