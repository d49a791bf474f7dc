package io.meshlog.compiler.core.envoy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code localityLbSetting.distribute}: each {@code to} pattern's percent is shared by the localities it matches,
 * in proportion to their own weight (rounded up, at least 1). A locality matching several patterns belongs to the
 * most specific one; a locality matching none gets no traffic and is left out.
 */
final class LocalityDistribution {
  private static final Comparator<String> MOST_SPECIFIC_FIRST = Comparator
      .comparingInt((String p) -> p.endsWith("*") ? 1 : 0)
      .thenComparing(Comparator.comparingInt((String p) -> p.split("/").length).reversed())
      .thenComparing(Comparator.naturalOrder());

  private LocalityDistribution() {}

  /** Locality to its new weight; {@code natural} maps each locality to the sum of its endpoint weights. */
  static Map<String, Integer> weights(Map<String, Integer> to, Map<String, Integer> natural) {
    List<String> patterns = to.keySet().stream().sorted(MOST_SPECIFIC_FIRST).toList();
    Map<String, String> owner = new LinkedHashMap<>();
    Map<String, Long> patternTotal = new TreeMap<>();
    natural.forEach((locality, weight) -> patterns.stream().filter(p -> matches(p, locality)).findFirst()
        .ifPresent(p -> {
          owner.put(locality, p);
          patternTotal.merge(p, (long) weight, Long::sum);
        }));
    Map<String, Integer> out = new TreeMap<>();
    owner.forEach((locality, p) -> {
      long share = (long) natural.get(locality) * to.get(p);
      out.put(locality, (int) Math.max(1, (share + patternTotal.get(p) - 1) / patternTotal.get(p)));
    });
    return out;
  }

  /** A pattern matches part by part; {@code *} matches the rest, a shorter pattern matches every locality below. */
  static boolean matches(String pattern, String locality) {
    String[] p = pattern.split("/");
    String[] l = locality.isEmpty() ? new String[0] : locality.split("/");
    for (int i = 0; i < p.length; i++) {
      if ("*".equals(p[i])) {
        return true;
      }
      if (i >= l.length || !p[i].equals(l[i])) {
        return false;
      }
    }
    return true;
  }
}
