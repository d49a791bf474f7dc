package io.meshlog.compiler.core;

import io.meshlog.compiler.core.envoy.GatewayResources;
import io.meshlog.compiler.core.envoy.ResourceCompiler;
import io.meshlog.compiler.core.envoy.TcpChainBytes;
import io.meshlog.compiler.core.index.AffectedHosts;
import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.compiler.core.ir.IrBuilder;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.UnitKey;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Sidecar;
import io.meshlog.schemas.ProxyClasses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The compile core: a deterministic state machine from mesh changes to xDS resources. Same changes in, same
 * bytes out. Each change recompiles only the resources that depend on it.
 *
 * <p>Pipeline: a change finds the hosts it affects through the {@link MeshIndex}; each host is rebuilt into IR
 * ({@link ServicePortIr} per port); service ports whose IR changed are recompiled, then the sidecar aggregates
 * of their port numbers; the {@link ResourceTable} reports what differs from before.
 *
 * <p>Sidecar scopes ({@link ScopeTable}): each Sidecar gets the admitted service ports' output re-keyed under its
 * classes and per-port aggregates of the admitted virtual hosts only; a service change is checked against every
 * scope but re-emitted only into scopes that admit (or admitted) it.
 *
 * <p>Gateway classes ({@link GatewayClasses}): one per distinct Gateway selector, rebuilt as a whole, and only when
 * one of its Gateways, a VirtualService bound to them, or a service its routes send traffic to changes. Not
 * thread-safe.
 */
public final class MeshCompiler {
  /** Recorded on every output record, so a replay can tell whether it would reproduce the same bytes. */
  public static final String VERSION = "meshlog-compiler/1";

  private final MeshIndex index = new MeshIndex();
  private final UnitTable units = new UnitTable();
  private final TcpChainTable tcpChains = new TcpChainTable();
  private final ResourceTable table = new ResourceTable();
  private final ScopeTable scopes = new ScopeTable();
  private final GatewayClasses gateways = new GatewayClasses();

  /** Adds or replaces the object with the same {@link MeshObject#key()}. */
  public CompileDelta upsert(MeshObject object) {
    return applyAll(List.of(new MeshChange.Upsert(object)));
  }

  /** Applies several upserts as one change, with one delta (e.g. rebuilding from a store on start). */
  public CompileDelta upsertAll(Collection<? extends MeshObject> objects) {
    return applyAll(objects.stream().<MeshChange>map(MeshChange.Upsert::new).toList());
  }

  /** Removes the object with this key; a key not present is a no-op. */
  public CompileDelta delete(String key) {
    return applyAll(List.of(new MeshChange.Delete(key)));
  }

  /**
   * Applies changes in order as one change, with one delta. A batch costs one recompile of the hosts, scopes and
   * gateway classes it touches (and one rebuild of each aggregate), however many events it holds; the result is
   * the same as applying them one by one.
   */
  public CompileDelta applyAll(List<MeshChange> changes) {
    SortedSet<String> hosts = new TreeSet<>();
    SortedSet<String> changedScopes = new TreeSet<>();
    SortedSet<String> gatewayClasses = new TreeSet<>();
    for (MeshChange change : changes) {
      Optional<MeshObject> previous;
      Optional<MeshObject> current;
      if (change instanceof MeshChange.Upsert u) {
        current = Optional.of(u.object());
        previous = index.put(u.object());
        if (previous.equals(current)) {
          continue;
        }
      } else {
        current = Optional.empty();
        previous = index.remove(((MeshChange.Delete) change).key());
      }
      hosts.addAll(AffectedHosts.of(previous, current, index));
      gatewayClasses.addAll(GatewayClasses.reached(previous, current, index));
      previous.or(() -> current).filter(Sidecar.class::isInstance)
          .ifPresent(o -> changedScopes.add(((Sidecar) o).scopeId()));
    }
    return recompile(hosts, changedScopes, gatewayClasses);
  }

  /** The whole current output. */
  public SortedMap<ResourceKey, CompiledResource> resources() {
    return table.snapshot();
  }

  private CompileDelta recompile(
      SortedSet<String> hosts, SortedSet<String> changedScopes, SortedSet<String> gatewayClasses) {
    SortedSet<Integer> dirtyPorts = new TreeSet<>();
    // Units of the affected hosts (present or just removed), and which of them compiled to something new.
    SortedSet<UnitKey> touched = new TreeSet<>();
    Set<UnitKey> recompiled = new HashSet<>();
    for (String host : hosts) {
      List<ServicePortIr> fresh = IrBuilder.build(host, index);
      Set<UnitKey> freshKeys = new HashSet<>();
      for (ServicePortIr ir : fresh) {
        freshKeys.add(ir.key());
        touched.add(ir.key());
        if (!units.get(ir.key()).equals(Optional.of(ir))) {
          SortedMap<ResourceKey, CompiledResource> output = ResourceCompiler.unit(ir);
          units.put(ir, ResourceCompiler.sidecarVirtualHost(ir), output);
          tcpChains.put(ir.key(), ResourceCompiler.sidecarTcpChains(ir));
          table.replace(ir.key(), output);
          dirtyPorts.add(ir.key().port());
          recompiled.add(ir.key());
        }
      }
      for (UnitKey gone : units.keysOfHost(host)) {
        if (!freshKeys.contains(gone)) {
          units.remove(gone);
          tcpChains.remove(gone);
          table.replace(gone, Collections.emptySortedMap());
          dirtyPorts.add(gone.port());
          touched.add(gone);
        }
      }
    }
    for (int port : dirtyPorts) {
      table.replace(port, ResourceCompiler.port(port, units.virtualHostsOnPort(port), tcpChains.onPort(port)));
    }
    SortedMap<String, SortedSet<Integer>> dirtyScopePorts = new TreeMap<>();
    // A service change reaches only the scopes that admit (or admitted) its ports.
    for (Sidecar scope : scopes.all()) {
      if (!changedScopes.contains(scope.scopeId())) {
        for (UnitKey unit : touched) {
          refresh(scope, unit, recompiled.contains(unit), dirtyScopePorts);
        }
      }
    }
    for (String scopeId : changedScopes) {
      rebuildScope(scopeId, recompiled, dirtyScopePorts);
    }
    dirtyScopePorts.forEach((scopeId, ports) -> {
      for (int port : ports) {
        table.replace(new ScopeOwners.Port(scopeId, port), scopes.get(scopeId)
            .map(sc -> ResourceCompiler.scopedPort(sc, port, admittedVirtualHosts(scopeId, port),
                admittedTcpChains(scopeId, port)))
            .orElse(Collections.emptySortedMap()));
      }
    });
    // Gateway classes reached directly, and those routing to a host whose clusters may have changed.
    SortedSet<String> dirtyGateways = new TreeSet<>(gatewayClasses);
    dirtyGateways.addAll(gateways.routingTo(hosts));
    for (String gatewayClass : dirtyGateways) {
      GatewayResources.Output out = GatewayResources.compile(
          gatewayClass, index.gatewaysOfClass(gatewayClass), index, this::sidecarClusters);
      gateways.setHosts(gatewayClass, out.hosts());
      table.replace(new ScopeOwners.GatewayClass(gatewayClass), out.resources());
    }
    return table.takeDelta();
  }

  /** A host's clusters and endpoints in the sidecar class, which gateway classes carry re-keyed. */
  private List<CompiledResource> sidecarClusters(String host) {
    List<CompiledResource> out = new ArrayList<>();
    for (UnitKey unit : units.keysOfHost(host)) {
      for (CompiledResource r : units.output(unit).values()) {
        if (ProxyClasses.SIDECAR.equals(r.key().proxyClass())) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /**
   * Brings one unit's output in one scope up to date: removed when the scope no longer admits it; else, when it is
   * new to the scope or changed, re-keyed from the unit's shared output, or, when exportTo hides from the scope's
   * namespace something the unit depends on, compiled from the scope's own view of it.
   */
  private void refresh(Sidecar scope, UnitKey unit, boolean recompiledUnit, SortedMap<String, SortedSet<Integer>> dirty) {
    String id = scope.scopeId();
    MeshIndex view = scope.consumerNamespace().map(index::visibleTo).orElse(index);
    boolean was = scopes.isAdmitted(id, unit);
    Optional<ServicePortIr> shared = units.get(unit);
    boolean now = shared.isPresent() && admits(scope, unit.host(), view);
    Optional<ServicePortIr> own = Optional.empty();
    if (now && scope.consumerNamespace().isPresent()) {
      Optional<ServicePortIr> seen = IrBuilder.build(unit.host(), view).stream()
          .filter(ir -> ir.key().equals(unit)).findFirst();
      now = seen.isPresent();
      own = seen.filter(ir -> !ir.equals(shared.get()));
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
   * A Sidecar was added, changed or removed: its scope is rebuilt. Deciding admission looks at every service
   * port (a cheap predicate); only admitted ones are re-keyed into the scope, and nothing is recompiled here.
   */
  private void rebuildScope(String scopeId, Set<UnitKey> recompiled, SortedMap<String, SortedSet<Integer>> dirty) {
    SortedSet<Integer> ports = dirty.computeIfAbsent(scopeId, k -> new TreeSet<>());
    SortedSet<UnitKey> before = scopes.units(scopeId);
    before.forEach(u -> ports.add(u.port()));
    Optional<Sidecar> now = index.get(Sidecars.key(scopeId)).map(Sidecar.class::cast);
    if (now.isEmpty()) {
      for (UnitKey unit : before) {
        table.replace(new ScopeOwners.Unit(scopeId, unit), Collections.emptySortedMap());
      }
      table.replace(new ScopeOwners.Scope(scopeId), Collections.emptySortedMap());
      scopes.remove(scopeId);
      return;
    }
    Sidecar scope = now.get();
    scopes.put(scope);
    table.replace(new ScopeOwners.Scope(scopeId), ResourceCompiler.scope(scope));
    // Units it admitted that are gone are dropped, and units recompiled in the same batch re-keyed afresh: a batch
    // (applyAll) can change a Sidecar and the services it admits at once.
    SortedSet<UnitKey> all = new TreeSet<>(units.keys());
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
