package io.meshlog.compiler.core.envoy;

import io.meshlog.mesh.LocalityLb;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code localityLbSetting.failover} as EDS priorities: the {@code from} region first, then the {@code to} region,
 * then every other region. Priorities are numbered without gaps (Envoy and grpc-java reject sparse ones, grpc-java
 * with "ClusterLoadAssignment has sparse priorities").
 */
final class LocalityFailover {
  private LocalityFailover() {}

  static Map<String, Integer> priorities(LocalityLb failover, Collection<String> localities) {
    Map<String, Integer> rank = new TreeMap<>();
    for (String locality : localities) {
      String region = locality.isEmpty() ? "" : locality.split("/", 2)[0];
      int r = region.equals(failover.failoverFrom()) ? 0 : region.equals(failover.failoverTo()) ? 1 : 2;
      rank.put(locality, r);
    }
    TreeSet<Integer> used = new TreeSet<>(rank.values());
    Map<String, Integer> out = new TreeMap<>();
    rank.forEach((locality, r) -> out.put(locality, used.headSet(r).size()));
    return out;
  }
}
