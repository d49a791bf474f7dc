package io.meshlog.schemas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Label selectors and the sets of them a workload can match. istiod evaluates selectors per proxy; meshlog compiles
 * per class, so a view that depends on which selectors match a proxy (a router selected by several Gateways, a
 * client matched by several {@code sourceLabels}) is compiled once per <em>realizable</em> set: a set that exactly
 * the selectors some label map matches. A gateway computes a node's set from its labels with {@link #matched}; the
 * compiler enumerates every realizable set with {@link #realizable}, so whatever labels a node has, its set was
 * compiled. Selectors are written canonically ({@link #canonical}: {@code k=v} pairs, keys sorted,
 * comma-separated; the empty selector, which matches every workload, is {@code *}).
 */
public final class SelectorSets {
  private SelectorSets() {}

  /** The empty selector's canonical form. */
  public static final String ANY = "*";

  /** {@code k1=v1,k2=v2}, keys sorted; {@link #ANY} for the empty selector. */
  public static String canonical(Map<String, String> selector) {
    if (selector.isEmpty()) {
      return ANY;
    }
    StringBuilder b = new StringBuilder();
    new TreeMap<>(selector).forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }

  /** The selector a canonical form was written from. */
  public static Map<String, String> parse(String canonical) {
    Map<String, String> out = new TreeMap<>();
    if (!ANY.equals(canonical)) {
      for (String pair : canonical.split(",")) {
        int eq = pair.indexOf('=');
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }

  /** Whether every label of the selector is among the labels with the same value. */
  public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The canonical forms of the selectors that match {@code labels}, sorted. */
  public static SortedSet<String> matched(Collection<Map<String, String>> selectors, Map<String, String> labels) {
    SortedSet<String> out = new TreeSet<>();
    for (Map<String, String> s : selectors) {
      if (selects(s, labels)) {
        out.add(canonical(s));
      }
    }
    return out;
  }

  /** A set of canonical selectors as one name: sorted, {@code ;}-separated; the empty set is the empty string. */
  public static String name(SortedSet<String> set) {
    return String.join(";", set);
  }

  /**
   * Every realizable set of the selectors (the exact set some label map matches), sorted by {@link #name}, or
   * empty when there are more than {@code limit}. The empty set (or the set of empty selectors) is always one:
   * a workload with no matching labels. Selectors with a key in common and different values never meet in a set,
   * so in practice (selectors on {@code app} or {@code istio}) the count stays near the number of selectors;
   * independent keys can multiply it, hence the limit.
   */
  public static Optional<List<SortedSet<String>>> realizable(Collection<Map<String, String>> selectors, int limit) {
    List<Map<String, String>> distinct = new ArrayList<>();
    SortedSet<String> seenSelectors = new TreeSet<>();
    for (Map<String, String> s : selectors) {
      if (seenSelectors.add(canonical(s))) {
        distinct.add(new TreeMap<>(s));
      }
    }
    distinct.sort((a, b) -> canonical(a).compareTo(canonical(b)));
    TreeMap<String, SortedSet<String>> found = new TreeMap<>();
    Deque<Map<String, String>> queue = new ArrayDeque<>();
    // A closed set is determined by the union of its selectors' labels; start from no labels at all.
    Map<String, String> none = new TreeMap<>();
    found.put(name(matched(distinct, none)), matched(distinct, none));
    queue.add(none);
    while (!queue.isEmpty()) {
      Map<String, String> union = queue.poll();
      for (Map<String, String> s : distinct) {
        if (selects(s, union) || !compatible(union, s)) {
          continue;
        }
        Map<String, String> wider = new TreeMap<>(union);
        wider.putAll(s);
        SortedSet<String> set = matched(distinct, wider);
        if (found.putIfAbsent(name(set), set) == null) {
          if (found.size() > limit) {
            return Optional.empty();
          }
          queue.add(wider);
        }
      }
    }
    return Optional.of(List.copyOf(found.values()));
  }

  /**
   * The selectors kept under a cap on realizable sets, and those sets. Selectors are tried one by one in canonical
   * order and one that would make more than {@code limit} sets is dropped, so the outcome depends only on the
   * selectors, never on the order they arrived in.
   */
  public static Capped capped(Collection<Map<String, String>> selectors, int limit) {
    SortedSet<String> distinct = new TreeSet<>();
    selectors.forEach(s -> distinct.add(canonical(s)));
    List<Map<String, String>> kept = new ArrayList<>();
    SortedSet<String> dropped = new TreeSet<>();
    List<SortedSet<String>> sets = realizable(kept, limit).orElseThrow();
    for (String s : distinct) {
      kept.add(parse(s));
      Optional<List<SortedSet<String>>> more = realizable(kept, limit);
      if (more.isPresent()) {
        sets = more.get();
      } else {
        kept.remove(kept.size() - 1);
        dropped.add(s);
      }
    }
    return new Capped(dropped, sets);
  }

  /**
   * What {@link #capped} decided.
   *
   * @param dropped canonical selectors left out: counting them, there would be more sets than the cap
   * @param sets every realizable set of the selectors kept, sorted by {@link #name}
   */
  public record Capped(SortedSet<String> dropped, List<SortedSet<String>> sets) {}

  /** Whether some workload can carry the labels of both selectors (no key with two values). */
  public static boolean overlap(Map<String, String> a, Map<String, String> b) {
    return compatible(a, b);
  }

  private static boolean compatible(Map<String, String> labels, Map<String, String> selector) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      String have = labels.get(e.getKey());
      if (have != null && !have.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
