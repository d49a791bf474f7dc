package io.meshlog.mesh;

/**
 * Istio's consistentHash load balancing over a ring.
 *
 * @param headerName hash on this request header (lower case); empty when hashing on the source IP
 * @param useSourceIp hash on the client's address instead of a header
 * @param minimumRingSize 0 for the default
 */
public record ConsistentHash(String headerName, boolean useSourceIp, long minimumRingSize) {
  public static ConsistentHash header(String name, long minimumRingSize) {
    return new ConsistentHash(name, false, minimumRingSize);
  }

  public static ConsistentHash sourceIp(long minimumRingSize) {
    return new ConsistentHash("", true, minimumRingSize);
  }
}
