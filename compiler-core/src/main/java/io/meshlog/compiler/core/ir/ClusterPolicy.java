package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.ClientTls;
import io.meshlog.mesh.ConnectionPool;
import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.LocalityLb;
import io.meshlog.mesh.OutlierDetection;

/**
 * The effective traffic policy of one cluster.
 *
 * @param hash set exactly when {@code lbPolicy} is RING_HASH or MAGLEV
 * @param outlierDetection null when not set
 * @param connectionPool null when not set
 * @param localityLb null when not set
 * @param tls null when not set (plaintext)
 */
public record ClusterPolicy(
    LbPolicy lbPolicy,
    ConsistentHash hash,
    OutlierDetection outlierDetection,
    ConnectionPool connectionPool,
    LocalityLb localityLb,
    ClientTls tls) {
  public static final ClusterPolicy DEFAULT = new ClusterPolicy(LbPolicy.ROUND_ROBIN, null, null, null);

  /** The shape before locality load balancing and TLS existed. */
  public ClusterPolicy(
      LbPolicy lbPolicy, ConsistentHash hash, OutlierDetection outlierDetection, ConnectionPool connectionPool) {
    this(lbPolicy, hash, outlierDetection, connectionPool, null, null);
  }
}
