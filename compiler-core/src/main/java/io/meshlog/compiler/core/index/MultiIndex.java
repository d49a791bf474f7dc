package io.meshlog.compiler.core.index;

import io.meshlog.mesh.MeshObject;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Index term (a host, a namespace) to the objects filed under it, each set ordered by (kind, namespace, name)
 * and then key, so lookups never depend on insertion order.
 */
final class MultiIndex<T extends MeshObject> {
  private static final Comparator<MeshObject> BY_REF =
      Comparator.comparing(MeshObject::ref).thenComparing(MeshObject::key);

  private final TreeMap<String, SortedSet<T>> byTerm = new TreeMap<>();

  void add(Collection<String> terms, T object) {
    for (String term : terms) {
      byTerm.computeIfAbsent(term, t -> new TreeSet<>(BY_REF)).add(object);
    }
  }

  void remove(Collection<String> terms, T object) {
    for (String term : terms) {
      SortedSet<T> set = byTerm.get(term);
      if (set != null) {
        set.remove(object);
        if (set.isEmpty()) {
          byTerm.remove(term);
        }
      }
    }
  }

  /** The terms with at least one object, sorted. */
  SortedSet<String> terms() {
    return new TreeSet<>(byTerm.keySet());
  }

  List<T> get(String term) {
    SortedSet<T> set = byTerm.get(term);
    return set == null ? List.of() : List.copyOf(set);
  }
}
