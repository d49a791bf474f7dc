package io.meshlog.mesh;

import io.meshlog.schemas.SelectorSets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which clients the mesh tells apart, so each distinct view is compiled once as a class:
 *
 * <ul>
 *   <li>{@code namespaces}: those named by a non-public {@code exportTo} ({@code .} is the object's own) or by a
 *       {@code sourceNamespace}; a proxy in any other namespace sees exactly the public view.
 *   <li>{@code selectors}: the distinct {@code sourceLabels} of matches that apply to sidecars (canonical, sorted),
 *       and {@code labelSets}, every set of them some labels match ({@link SelectorSets#realizable}); the empty
 *       set is always one. Whatever labels a proxy has, the set it matches is one of these.
 *   <li>{@code ignored}: VirtualServices whose selectors would have made more than {@link #MAX_LABEL_SETS} sets,
 *       taken by key order, so the same mesh always drops the same ones: their {@code sourceLabels} matches apply
 *       to no client (analyze reports them as MLA0040 before they are applied).
 * </ul>
 */
public record ClientVariants(
    SortedSet<String> namespaces,
    List<String> selectors,
    List<SortedSet<String>> labelSets,
    SortedSet<String> ignored) {

  /** At most this many label sets (each a class per base class): the cost of sourceLabels stays bounded. */
  public static final int MAX_LABEL_SETS = 32;

  public static final ClientVariants NONE =
      new ClientVariants(new TreeSet<>(), List.of(), List.of(new TreeSet<>()), new TreeSet<>());

  /** Whether the object can make the views of two clients differ: only those are read by {@link #of}. */
  public static boolean dependsOnClient(MeshObject o) {
    return !exportNamespaces(o).isEmpty() || (o instanceof VirtualService v
        && sources(v).stream().anyMatch(c -> !c.labels().isEmpty() || !c.namespace().isEmpty()));
  }

  /** The variants of these objects (any order; objects that do not depend on the client are skipped). */
  public static ClientVariants of(Collection<? extends MeshObject> objects) {
    List<MeshObject> sorted = new ArrayList<>(objects);
    sorted.sort(Comparator.comparing(MeshObject::key));
    SortedSet<String> namespaces = new TreeSet<>();
    List<Map<String, String>> accepted = new ArrayList<>();
    List<SortedSet<String>> sets = List.of(new TreeSet<>());
    SortedSet<String> ignored = new TreeSet<>();
    for (MeshObject o : sorted) {
      namespaces.addAll(exportNamespaces(o));
      if (o instanceof VirtualService vs) {
        namespaces.addAll(sourceNamespaces(vs));
        List<Map<String, String>> own = sourceSelectors(vs);
        if (!own.isEmpty()) {
          List<Map<String, String>> wider = new ArrayList<>(accepted);
          wider.addAll(own);
          Optional<List<SortedSet<String>>> realizable = SelectorSets.realizable(wider, MAX_LABEL_SETS);
          if (realizable.isPresent()) {
            accepted = wider;
            sets = realizable.get();
          } else {
            ignored.add(vs.key());
          }
        }
      }
    }
    SortedSet<String> canonical = new TreeSet<>();
    accepted.forEach(s -> canonical.add(SelectorSets.canonical(s)));
    return new ClientVariants(namespaces, List.copyOf(canonical), List.copyOf(sets), ignored);
  }

  /** The labels that match exactly {@code set}: the union of its selectors (a realizable set is closed). */
  public static Map<String, String> labelsOf(SortedSet<String> set) {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    set.forEach(s -> out.putAll(SelectorSets.parse(s)));
    return out;
  }

  /** Namespaces a non-public exportTo names ({@code .}: the object's own); none when exported everywhere. */
  static SortedSet<String> exportNamespaces(MeshObject o) {
    SortedSet<String> out = new TreeSet<>();
    List<String> exportTo = ExportTo.of(o);
    if (exportTo.isEmpty() || exportTo.contains("*")) {
      return out;
    }
    for (String ns : exportTo) {
      if (ns.equals(".")) {
        out.add(o.ref().namespace());
      } else if (!ns.equals("~")) {
        out.add(ns);
      }
    }
    return out;
  }

  /** The non-empty sourceLabels of the VirtualService's matches that sidecars evaluate them for. */
  public static List<Map<String, String>> sourceSelectors(VirtualService vs) {
    return sources(vs).stream().map(Source::labels).filter(l -> !l.isEmpty()).toList();
  }

  private static SortedSet<String> sourceNamespaces(VirtualService vs) {
    SortedSet<String> out = new TreeSet<>();
    sources(vs).stream().map(Source::namespace).filter(n -> !n.isEmpty()).forEach(out::add);
    return out;
  }

  /** A match's client condition. */
  private record Source(Map<String, String> labels, String namespace) {}

  /**
   * The client conditions of the VirtualService's HTTP, TCP and TLS matches that sidecars evaluate: a match with
   * its own {@code gateways} ignores them (istiod), and a VirtualService not applying to {@code mesh} has none.
   */
  private static List<Source> sources(VirtualService vs) {
    List<Source> out = new ArrayList<>();
    if (!vs.appliesToMesh()) {
      return out;
    }
    for (HttpRoute r : vs.http()) {
      r.matches().stream().filter(m -> m.gateways().isEmpty())
          .forEach(m -> out.add(new Source(m.sourceLabels(), m.sourceNamespace())));
    }
    for (List<L4Route> routes : List.of(vs.tcp(), vs.tls())) {
      for (L4Route r : routes) {
        r.matches().stream().filter(m -> m.gateways().isEmpty())
            .forEach(m -> out.add(new Source(m.sourceLabels(), m.sourceNamespace())));
      }
    }
    return out;
  }
}
