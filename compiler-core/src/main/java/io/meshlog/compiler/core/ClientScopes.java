package io.meshlog.compiler.core;

import io.meshlog.mesh.ClientVariants;
import io.meshlog.mesh.EgressHost;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Sidecar;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.SelectorSets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Every scope the mesh needs, from its Sidecars and its {@link ClientVariants}: each Sidecar; for each namespace
 * the variants name that has no selector-less Sidecar, the scope a proxy there without a Sidecar of its own gets:
 * {@code <ns>/*}, or, when the root namespace has a default Sidecar, a copy of that default with the namespace's
 * view ({@code istio-system/default~<ns>}; the default itself then sees the public view); and, per non-empty label
 * set, a variant of each of those and of the shared classes. So the classes
 * are (Sidecars + named namespaces + 1) × label sets, never one per proxy. The name parts never collide: {@code *}
 * is no Kubernetes name, and {@code #} occurs in no name or label ({@link ProxyClasses#implicitScope},
 * {@link ProxyClasses#labelVariant}).
 */
final class ClientScopes {
  private ClientScopes() {}

  static SortedMap<String, ClientScope> of(Collection<Sidecar> sidecars, ClientVariants variants) {
    List<ClientScope> bases = new ArrayList<>();
    Set<String> namespaceWide = new java.util.TreeSet<>();
    List<Sidecar> rootDefaults = new ArrayList<>();
    for (Sidecar s : sidecars) {
      boolean rootDefault = s.consumerNamespace().isEmpty();
      // The root namespace's default serves the namespaces nothing names (their proxies see the public view);
      // each named one gets a copy of it with its own view below.
      bases.add(new ClientScope(s, true, s.consumerNamespace(), Map.of(), Set.of(), !rootDefault));
      if (rootDefault) {
        rootDefaults.add(s);
      } else if (s.workloadSelector().isEmpty()) {
        namespaceWide.add(s.ref().namespace());
      }
    }
    for (String ns : variants.namespaces()) {
      if (namespaceWide.contains(ns)) {
        continue;
      }
      if (rootDefaults.isEmpty()) {
        bases.add(new ClientScope(implicit(ProxyClasses.implicitScope(ns)), false, Optional.of(ns), Map.of(), Set.of(),
            true));
      }
      for (Sidecar root : rootDefaults) {
        bases.add(new ClientScope(renamed(root, ProxyClasses.namespaceVariant(root.scopeId(), ns)), false,
            Optional.of(ns), Map.of(), Set.of(), true));
      }
    }
    SortedMap<String, ClientScope> out = new TreeMap<>();
    bases.forEach(b -> out.put(b.id(), b));
    for (SortedSet<String> set : variants.labelSets()) {
      if (set.isEmpty()) {
        continue;
      }
      String setName = SelectorSets.name(set);
      Map<String, String> labels = ClientVariants.labelsOf(set);
      for (ClientScope b : bases) {
        Sidecar s = b.sidecar();
        Sidecar renamed = renamed(s, ProxyClasses.labelVariant(s.scopeId(), setName));
        out.put(renamed.scopeId(), new ClientScope(renamed, false, b.namespace(), labels,
            variants.ignored(), true));
      }
      Sidecar shared = implicit(ProxyClasses.labelVariant(ProxyClasses.SHARED_SCOPE, setName));
      out.put(shared.scopeId(), new ClientScope(shared, false, Optional.empty(), labels, variants.ignored(), true));
    }
    return out;
  }

  /** A scope (id {@code namespace/name}) that admits every service, as a proxy without a Sidecar does. */
  private static Sidecar implicit(String scopeId) {
    int slash = scopeId.indexOf('/');
    return new Sidecar(new ObjectRef("Sidecar", scopeId.substring(0, slash), scopeId.substring(slash + 1)), Map.of(),
        List.of(new EgressHost(EgressHost.ANY, EgressHost.ANY)), Sidecar.OutboundPolicy.UNSET);
  }

  /** The Sidecar under another scope id (same namespace, egress and policy); the id is {@code namespace/name}. */
  private static Sidecar renamed(Sidecar s, String scopeId) {
    return new Sidecar(new ObjectRef(s.ref().kind(), s.ref().namespace(), scopeId.substring(scopeId.indexOf('/') + 1)),
        s.workloadSelector(), s.egressHosts(), s.outboundPolicy());
  }
}
