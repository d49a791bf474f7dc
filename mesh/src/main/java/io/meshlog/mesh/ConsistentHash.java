package io.meshlog.mesh;

/**
 * Istio's consistentHash load balancing: what a request is hashed on, and onto which table.
 *
 * @param key the request attribute hashed
 * @param table a ring (ringHash, the default) or a Maglev table
 * @param tableSize ringHash.minimumRingSize or maglev.tableSize; 0 for the proxy's default
 */
public record ConsistentHash(Key key, Table table, long tableSize) {
  public enum Table { RING, MAGLEV }

  /** What a request is hashed on. */
  public sealed interface Key {}

  /** A request header (name lower case). */
  public record Header(String name) implements Key {}

  /** The client's address. */
  public record SourceIp() implements Key {}

  /**
   * A cookie; with a ttl the proxy sets it when the request lacks it, so the client sticks from then on.
   *
   * @param path the generated cookie's path; empty for none
   * @param ttlMillis -1 when not set (no cookie is generated); 0 generates a session cookie
   */
  public record Cookie(String name, String path, long ttlMillis) implements Key {}

  /** A query parameter of the request's path. */
  public record QueryParameter(String name) implements Key {}

  public static ConsistentHash header(String name, long minimumRingSize) {
    return new ConsistentHash(new Header(name), Table.RING, minimumRingSize);
  }

  public static ConsistentHash sourceIp(long minimumRingSize) {
    return new ConsistentHash(new SourceIp(), Table.RING, minimumRingSize);
  }
}
