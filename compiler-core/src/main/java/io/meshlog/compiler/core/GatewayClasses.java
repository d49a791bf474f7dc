package io.meshlog.compiler.core;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.VirtualService;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.SelectorSets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which gateway classes exist and which a change reaches. Istio merges every Gateway selecting a router, so a
 * router's class is the set of Gateway selectors its labels match, and one class is compiled per realizable set
 * ({@link SelectorSets#capped}, at most {@link Gateway#MAX_SELECTOR_SETS}): whatever labels a router has, its set
 * was compiled. A change to a Gateway reaches every class whose set holds its selector (old and new); a
 * VirtualService change the classes of the Gateways it binds (before and after); a service port change the
 * classes routing to its host, and those whose AUTO_PASSTHROUGH server hosts cover it; a selector appearing or
 * going away adds and removes classes. Nothing else
 * recompiles a gateway class.
 *
 * <p>istiod applies exportTo relative to a router's own namespace, so when exportTo names namespaces (the client
 * variants' named namespaces) every class also has a variant per named namespace
 * ({@link ProxyClasses#gatewayVariant}), compiled from that namespace's view; the class itself then holds the public
 * view. A variant is rebuilt whenever its class would be, and the variants appear and go with the named namespaces.
 */
final class GatewayClasses {
  private static final Comparator<Gateway> BY_REF = Comparator.comparing(Gateway::ref);

  // Sorted, so iteration cannot reach the output in an unstable order.
  private final TreeMap<String, SortedSet<String>> hostsByClass = new TreeMap<>();
  /** AUTO_PASSTHROUGH server hosts by class: a service under one is part of the class, even a new one. */
  private final TreeMap<String, SortedSet<String>> patternsByClass = new TreeMap<>();
  /** The canonical selectors present when the sets were last worked out. */
  private SortedSet<String> selectors = new TreeSet<>();
  /** The named namespaces when the classes were last worked out: each class has a variant per one. */
  private SortedSet<String> namespaces = new TreeSet<>();
  /** Class name to its selector set; the empty set (the bare class, which holds nothing) is not compiled. */
  private TreeMap<String, SortedSet<String>> setsByClass = new TreeMap<>();
  /** The namespace of each variant class (absent for a class holding the public view). */
  private TreeMap<String, String> namespaceByClass = new TreeMap<>();

  /** The selectors ({@link SelectorSets#canonical}) an object going from {@code before} to {@code after} reaches. */
  static SortedSet<String> reached(Optional<MeshObject> before, Optional<MeshObject> after, MeshIndex index) {
    SortedSet<String> out = new TreeSet<>();
    for (Optional<MeshObject> o : List.of(before, after)) {
      if (o.isPresent() && o.get() instanceof Gateway g) {
        out.add(SelectorSets.canonical(g.selector()));
      } else if (o.isPresent() && o.get() instanceof VirtualService vs) {
        for (String id : vs.gatewayIds()) {
          index.get("Gateway/" + id).map(Gateway.class::cast)
              .ifPresent(g -> out.add(SelectorSets.canonical(g.selector())));
        }
      }
    }
    return out;
  }

  /**
   * The classes to rebuild after changes reaching {@code reachedSelectors} and the services of {@code hosts}:
   * those whose set holds a reached selector, those routing to a host, and classes that appeared or went away
   * (rebuilt as empty) when the selectors present or the named namespaces changed.
   */
  SortedSet<String> dirty(MeshIndex index, SortedSet<String> namedNamespaces, Set<String> reachedSelectors,
      Set<String> hosts) {
    SortedSet<String> out = new TreeSet<>();
    SortedSet<String> present = index.gatewaySelectors();
    if (!present.equals(selectors) || !namedNamespaces.equals(namespaces)) {
      selectors = present;
      namespaces = new TreeSet<>(namedNamespaces);
      TreeMap<String, SortedSet<String>> next = new TreeMap<>();
      TreeMap<String, String> nextNamespaces = new TreeMap<>();
      List<Map<String, String>> parsed = present.stream().map(SelectorSets::parse).toList();
      for (SortedSet<String> set : SelectorSets.capped(parsed, Gateway.MAX_SELECTOR_SETS).sets()) {
        if (!set.isEmpty()) {
          String name = ProxyClasses.gateway(set);
          next.put(name, set);
          for (String ns : namespaces) {
            next.put(ProxyClasses.gatewayVariant(name, ns), set);
            nextNamespaces.put(ProxyClasses.gatewayVariant(name, ns), ns);
          }
        }
      }
      SortedSet<String> names = new TreeSet<>(next.keySet());
      names.addAll(setsByClass.keySet());
      for (String name : names) {
        if (!Objects.equals(next.get(name), setsByClass.get(name))) {
          out.add(name);
        }
      }
      setsByClass = next;
      namespaceByClass = nextNamespaces;
    }
    setsByClass.forEach((name, set) -> {
      if (set.stream().anyMatch(reachedSelectors::contains)) {
        out.add(name);
      }
    });
    out.addAll(routingTo(hosts));
    return out;
  }

  /** The selector set of a class; empty once it is no longer compiled. */
  SortedSet<String> selectorsOf(String proxyClass) {
    return setsByClass.getOrDefault(proxyClass, new TreeSet<>());
  }

  /** The namespace whose view a variant class is compiled from; empty for a class holding the public view. */
  Optional<String> namespaceOf(String proxyClass) {
    return Optional.ofNullable(namespaceByClass.get(proxyClass));
  }

  /** Every Gateway of the class's selectors, merged in (namespace, name) order, as the class is built. */
  List<Gateway> gatewaysOf(String proxyClass, MeshIndex index) {
    List<Gateway> out = new ArrayList<>();
    selectorsOf(proxyClass).forEach(s -> out.addAll(index.gatewaysWithSelector(s)));
    out.sort(BY_REF);
    return out;
  }

  /** The classes whose routes send traffic to any of {@code hosts}, or whose AUTO_PASSTHROUGH servers cover one. */
  private SortedSet<String> routingTo(Set<String> hosts) {
    SortedSet<String> out = new TreeSet<>();
    hostsByClass.forEach((name, routed) -> {
      if (routed.stream().anyMatch(hosts::contains)) {
        out.add(name);
      }
    });
    patternsByClass.forEach((name, patterns) -> {
      if (hosts.stream().anyMatch(h -> patterns.stream().anyMatch(p -> GatewayHost.covers(p, h)))) {
        out.add(name);
      }
    });
    return out;
  }

  /** What a class's last build depended on: its routed hosts and its AUTO_PASSTHROUGH host patterns. */
  void setDependencies(String proxyClass, SortedSet<String> hosts, SortedSet<String> patterns) {
    put(hostsByClass, proxyClass, hosts);
    put(patternsByClass, proxyClass, patterns);
  }

  private static void put(TreeMap<String, SortedSet<String>> map, String proxyClass, SortedSet<String> values) {
    if (values.isEmpty()) {
      map.remove(proxyClass);
    } else {
      map.put(proxyClass, values);
    }
  }
}
