package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.ConnectionPool;
import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.OutlierDetection;

/**
 * The effective traffic policy of one cluster.
 *
 * @param hash set exactly when {@code lbPolicy} is RING_HASH
 * @param outlierDetection null when not set
 * @param connectionPool null when not set
 */
public record ClusterPolicy(
    LbPolicy lbPolicy, ConsistentHash hash, OutlierDetection outlierDetection, ConnectionPool connectionPool) {
  public static final ClusterPolicy DEFAULT = new ClusterPolicy(LbPolicy.ROUND_ROBIN, null, null, null);
}
