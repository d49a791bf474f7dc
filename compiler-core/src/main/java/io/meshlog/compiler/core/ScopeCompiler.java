package io.meshlog.compiler.core;

import io.meshlog.compiler.core.envoy.ResourceCompiler;
import io.meshlog.compiler.core.envoy.TcpChainBytes;
import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.compiler.core.ir.IrBuilder;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.UnitKey;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Sidecar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Sidecar-scoped classes of {@link MeshCompiler}: each Sidecar gets the admitted service ports' output
 * re-keyed under its classes ({@link ScopeTable}) and per-port aggregates of the admitted virtual hosts only. A
 * service change is checked against every scope but re-emitted only into scopes that admit (or admitted) it; a
 * Sidecar change rebuilds its scope without recompiling shared units. Reads the compiler's index and unit tables,
 * writes into its resource table. Not thread-safe.
 */
final class ScopeCompiler {
  private final MeshIndex index;
  private final UnitTable units;
  private final ViewUnits viewUnits;
  private final TcpChainTable tcpChains;
  private final ResourceTable table;
  private final ScopeTable scopes = new ScopeTable();

  ScopeCompiler(MeshIndex index, UnitTable units, ViewUnits viewUnits, TcpChainTable tcpChains, ResourceTable table) {
    this.index = index;
    this.units = units;
    this.viewUnits = viewUnits;
    this.tcpChains = tcpChains;
    this.table = table;
  }

  /**
   * Brings every scope up to date after a change.
   *
   * @param touched units of the affected hosts, present or just removed
   * @param recompiled those of them whose shared output changed
   * @param wanted every scope the mesh needs now ({@link ClientScopes}) when a Sidecar or what the client
   *     variants depend on changed; empty when the set of scopes cannot have changed
   */
  void update(SortedSet<UnitKey> touched, Set<UnitKey> recompiled, Optional<SortedMap<String, ClientScope>> wanted) {
    SortedSet<String> changedScopes = new TreeSet<>();
    wanted.ifPresent(w -> {
      SortedMap<String, ClientScope> have = scopes.byId();
      w.forEach((id, scope) -> {
        if (!scope.equals(have.get(id))) {
          changedScopes.add(id);
        }
      });
      have.keySet().stream().filter(id -> !w.containsKey(id)).forEach(changedScopes::add);
    });
    SortedMap<String, SortedSet<Integer>> dirtyScopePorts = new TreeMap<>();
    // A service change reaches only the scopes that admit (or admitted) its ports.
    for (ClientScope scope : scopes.all()) {
      if (!changedScopes.contains(scope.id())) {
        for (UnitKey unit : touched) {
          refresh(scope, unit, recompiled.contains(unit), dirtyScopePorts);
        }
      }
    }
    for (String scopeId : changedScopes) {
      rebuildScope(scopeId, Optional.ofNullable(wanted.get().get(scopeId)), recompiled, dirtyScopePorts);
    }
    dirtyScopePorts.forEach((scopeId, ports) -> {
      for (int port : ports) {
        table.replace(new ScopeOwners.Port(scopeId, port), scopes.get(scopeId)
            .map(sc -> ResourceCompiler.scopedPort(sc.sidecar(), port, admittedVirtualHosts(scopeId, port),
                admittedTcpChains(scopeId, port)))
            .orElse(Collections.emptySortedMap()));
      }
    });
  }

  /**
   * Brings one unit's output in one scope up to date: removed when the scope no longer admits it; else, when it is
   * new to the scope or changed, re-keyed from the unit's shared output, or, when the scope's view differs for it
   * (exportTo hides or shows something it depends on, or a client match applies differently), compiled from the
   * scope's own view of it.
   */
  private void refresh(ClientScope scope, UnitKey unit, boolean recompiledUnit, SortedMap<String, SortedSet<Integer>> dirty) {
    String id = scope.id();
    MeshIndex view = scope.view(index);
    boolean was = scopes.isAdmitted(id, unit);
    Optional<ServicePortIr> shared = units.get(unit);
    // A scope with a view of its own may see a port the shared classes do not (exported to its namespace only).
    boolean now = (scope.exact() || shared.isPresent()) && admits(scope.sidecar(), unit.host(), view);
    Optional<ServicePortIr> own = Optional.empty();
    if (now && scope.exact()) {
      Optional<ServicePortIr> seen = IrBuilder.build(unit.host(), view).stream()
          .filter(ir -> ir.key().equals(unit)).findFirst();
      now = seen.isPresent();
      own = seen.filter(ir -> !shared.equals(Optional.of(ir)));
    }
    Optional<ServicePortIr> ownBefore = scopes.own(id, unit).map(ScopeTable.Own::ir);
    boolean changed = !was || (own.isPresent() ? !own.equals(ownBefore) : recompiledUnit || ownBefore.isPresent());
    if (now && changed) {
      SortedMap<ResourceKey, CompiledResource> output = units.output(unit);
      if (own.isPresent()) {
        output = ResourceCompiler.unit(own.get());
        scopes.setOwn(id, unit, Optional.of(new ScopeTable.Own(own.get(), ResourceCompiler.sidecarVirtualHost(own.get()))));
      } else {
        scopes.setOwn(id, unit, Optional.empty());
      }
      scopes.admit(id, unit);
      table.replace(new ScopeOwners.Unit(id, unit), rescoped(output, id));
      dirty.computeIfAbsent(id, k -> new TreeSet<>()).add(unit.port());
    } else if (!now && was) {
      scopes.drop(id, unit);
      table.replace(new ScopeOwners.Unit(id, unit), Collections.emptySortedMap());
      dirty.computeIfAbsent(id, k -> new TreeSet<>()).add(unit.port());
    }
  }

  /**
   * A scope was added, changed or removed (its Sidecar, or the client variants): it is rebuilt. Deciding admission
   * looks at every service port (a cheap predicate); admitted ones are re-keyed into the scope, or compiled from
   * its view where that differs (so a scope with its own view costs an IR build per service port here).
   */
  private void rebuildScope(
      String scopeId, Optional<ClientScope> now, Set<UnitKey> recompiled, SortedMap<String, SortedSet<Integer>> dirty) {
    SortedSet<Integer> ports = dirty.computeIfAbsent(scopeId, k -> new TreeSet<>());
    SortedSet<UnitKey> before = scopes.units(scopeId);
    before.forEach(u -> ports.add(u.port()));
    if (now.isEmpty()) {
      for (UnitKey unit : before) {
        table.replace(new ScopeOwners.Unit(scopeId, unit), Collections.emptySortedMap());
      }
      table.replace(new ScopeOwners.Scope(scopeId), Collections.emptySortedMap());
      scopes.remove(scopeId);
      return;
    }
    ClientScope scope = now.get();
    scopes.put(scope);
    table.replace(new ScopeOwners.Scope(scopeId), ResourceCompiler.scope(scope.sidecar(), scope.real()));
    // Units it admitted that are gone are dropped, and units recompiled in the same batch re-keyed afresh: a batch
    // (applyAll) can change a Sidecar and the services it admits at once.
    SortedSet<UnitKey> all = viewUnits.all();
    all.addAll(before);
    for (UnitKey unit : all) {
      refresh(scope, unit, recompiled.contains(unit), dirty);
    }
  }

  /**
   * Whether any service declaring the host, among those exported to the scope's namespace, is in a namespace and
   * under a name the scope admits.
   */
  private static boolean admits(Sidecar scope, String host, MeshIndex view) {
    for (Service s : view.servicesForHost(host)) {
      if (scope.admits(s.ref().namespace(), host)) {
        return true;
      }
    }
    return false;
  }

  private List<byte[]> admittedVirtualHosts(String scopeId, int port) {
    List<byte[]> out = new ArrayList<>();
    for (String host : scopes.hostsOn(scopeId, port)) {
      UnitKey unit = new UnitKey(host, port);
      out.add(scopes.own(scopeId, unit).map(ScopeTable.Own::virtualHost).orElseGet(() -> units.virtualHost(unit)));
    }
    return out;
  }

  /** The TCP/TLS chains of the admitted service ports, from the scope's own IR where it has one. */
  private List<TcpChainBytes> admittedTcpChains(String scopeId, int port) {
    List<TcpChainBytes> out = new ArrayList<>();
    for (String host : scopes.hostsOn(scopeId, port)) {
      UnitKey unit = new UnitKey(host, port);
      out.addAll(scopes.own(scopeId, unit).map(own -> ResourceCompiler.sidecarTcpChains(own.ir()))
          .orElseGet(() -> tcpChains.of(unit)));
    }
    return out;
  }

  private static SortedMap<ResourceKey, CompiledResource> rescoped(
      SortedMap<ResourceKey, CompiledResource> output, String scopeId) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    for (CompiledResource r : output.values()) {
      CompiledResource scoped = ResourceCompiler.rescoped(r, scopeId);
      out.put(scoped.key(), scoped);
    }
    return out;
  }
}
