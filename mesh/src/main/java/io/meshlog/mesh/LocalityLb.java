package io.meshlog.mesh;

import java.util.Map;
import java.util.TreeMap;

/**
 * Istio's {@code loadBalancer.localityLbSetting}, reduced to what can be applied without knowing the proxy's own
 * locality (one snapshot serves every proxy of a class): the {@code distribute} entry whose {@code from} is
 * {@code *}, or one {@code failover} entry, or {@code enabled: false}.
 *
 * @param distribute locality pattern ({@code region/zone/subzone}, {@code *} wildcards) to weight percent; empty
 *     unless DISTRIBUTE
 * @param failoverFrom the preferred region; empty unless FAILOVER
 * @param failoverTo the region to fail over to first; empty unless FAILOVER
 */
public record LocalityLb(Mode mode, Map<String, Integer> distribute, String failoverFrom, String failoverTo) {
  public enum Mode { DISABLED, DISTRIBUTE, FAILOVER }

  public LocalityLb {
    distribute = Map.copyOf(distribute);
  }

  public static LocalityLb disabled() {
    return new LocalityLb(Mode.DISABLED, Map.of(), "", "");
  }

  public static LocalityLb distribute(Map<String, Integer> to) {
    return new LocalityLb(Mode.DISTRIBUTE, new TreeMap<>(to), "", "");
  }

  public static LocalityLb failover(String from, String to) {
    return new LocalityLb(Mode.FAILOVER, Map.of(), from, to);
  }
}
