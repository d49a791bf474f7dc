package io.meshlog.compiler.core;

import io.meshlog.compiler.core.envoy.GatewayResources;
import io.meshlog.compiler.core.envoy.ResourceCompiler;
import io.meshlog.compiler.core.index.AffectedHosts;
import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.compiler.core.ir.IrBuilder;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.UnitKey;
import io.meshlog.mesh.ClientVariants;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.Sidecar;
import io.meshlog.schemas.ProxyClasses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The compile core: a deterministic state machine from mesh changes to xDS resources. Same changes in, same
 * bytes out. Each change recompiles only the resources that depend on it.
 *
 * <p>Pipeline: a change finds the hosts it affects through the {@link MeshIndex}; each host is rebuilt into IR
 * ({@link ServicePortIr} per port); service ports whose IR changed are recompiled, then the sidecar aggregates
 * of their port numbers; the {@link ResourceTable} reports what differs from before.
 *
 * <p>Sidecar scopes ({@link ScopeCompiler}): each Sidecar gets the admitted service ports' output re-keyed under its
 * classes and per-port aggregates of the admitted virtual hosts only; a service change is checked against every
 * scope but re-emitted only into scopes that admit (or admitted) it.
 *
 * <p>Gateway classes ({@link GatewayClasses}): one per realizable set of Gateway selectors (every Gateway selecting
 * a router merged, as in Istio), rebuilt as a whole, and only when one of its Gateways, a VirtualService bound to
 * them, or a service its routes send traffic to changes; when exportTo names namespaces, each also has a variant per
 * named namespace compiled from that namespace's view. Not thread-safe.
 */
public final class MeshCompiler {
  /** Recorded on every output record, so a replay can tell whether it would reproduce the same bytes. */
  public static final String VERSION = "meshlog-compiler/1";

  private final MeshIndex index = new MeshIndex();
  private final UnitTable units = new UnitTable();
  private final TcpChainTable tcpChains = new TcpChainTable();
  private final ResourceTable table = new ResourceTable();
  private final ViewUnits viewUnits = new ViewUnits();
  private final ScopeCompiler scopes = new ScopeCompiler(index, units, viewUnits, tcpChains, table);
  private final GatewayClasses gateways = new GatewayClasses();
  private ClientVariants variants = ClientVariants.NONE;

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
    boolean scopesMayChange = false;
    SortedSet<String> gatewaySelectors = new TreeSet<>();
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
      gatewaySelectors.addAll(GatewayClasses.reached(previous, current, index));
      // The set of scopes follows the Sidecars and the objects that tell clients apart (ClientScopes).
      scopesMayChange |= Stream.concat(previous.stream(), current.stream())
          .anyMatch(o -> o instanceof Sidecar || ClientVariants.dependsOnClient(o));
    }
    return recompile(hosts, scopesMayChange, gatewaySelectors);
  }

  /** The whole current output. */
  public SortedMap<ResourceKey, CompiledResource> resources() {
    return table.snapshot();
  }

  private CompileDelta recompile(
      SortedSet<String> hosts, boolean scopesMayChange, SortedSet<String> gatewaySelectors) {
    Optional<SortedMap<String, ClientScope>> wanted = Optional.empty();
    if (scopesMayChange) {
      ClientVariants now = index.clientVariants();
      if (!now.equals(variants)) {
        variants = now;
        table.replace(new ScopeOwners.Views(), ResourceCompiler.clientVariants(variants));
      }
      wanted = Optional.of(ClientScopes.of(index.sidecars(), variants));
    }
    // The shared classes serve proxies of namespaces no exportTo or sourceNamespace names, with no labels any
    // sourceLabels selects (others get a scope of ClientScopes).
    MeshIndex shared = index.publicView(Map.of(), Set.of());
    SortedSet<Integer> dirtyPorts = new TreeSet<>();
    // Units of the affected hosts (present or just removed), and which of them compiled to something new.
    SortedSet<UnitKey> touched = new TreeSet<>();
    Set<UnitKey> recompiled = new HashSet<>();
    for (String host : hosts) {
      // Ports only some namespaces see exist in their scopes, not in the shared classes.
      touched.addAll(viewUnits.replace(host, IrBuilder.unitKeys(host, index)));
      List<ServicePortIr> fresh = IrBuilder.build(host, shared);
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
    scopes.update(touched, recompiled, wanted);
    // Gateway classes reached through their selectors, those routing to a host whose clusters may have changed,
    // and those that appear or go away with a selector.
    for (String gatewayClass : gateways.dirty(index, variants.namespaces(), gatewaySelectors, hosts)) {
      // A router sees what is exported to its namespace (istiod): a variant its namespace's view, the class the
      // public view, whose clusters are the shared class's.
      Optional<String> namespace = gateways.namespaceOf(gatewayClass);
      MeshIndex view = namespace.map(index::visibleTo).orElse(shared);
      Function<String, Collection<CompiledResource>> clusters =
          namespace.isPresent() ? host -> viewClusters(host, view) : this::sidecarClusters;
      GatewayResources.Output out = GatewayResources.compile(gatewayClass, gateways.selectorsOf(gatewayClass),
          gateways.gatewaysOf(gatewayClass, index), view, clusters);
      gateways.setDependencies(gatewayClass, out.hosts(), out.hostPatterns());
      table.replace(new ScopeOwners.GatewayClass(gatewayClass), out.resources());
    }
    return table.takeDelta();
  }

  /**
   * A host's sidecar clusters and endpoints as {@code view} sees them: the shared bytes of a port whose IR is the
   * shared one, else the port compiled for the view (its sidecar resources only).
   */
  private List<CompiledResource> viewClusters(String host, MeshIndex view) {
    List<CompiledResource> out = new ArrayList<>();
    for (ServicePortIr ir : IrBuilder.build(host, view)) {
      boolean shared = units.get(ir.key()).equals(Optional.of(ir));
      addSidecarOnly(shared ? units.output(ir.key()) : ResourceCompiler.unit(ir), out);
    }
    return out;
  }

  /** A host's clusters and endpoints in the sidecar class, which gateway classes carry re-keyed. */
  private List<CompiledResource> sidecarClusters(String host) {
    List<CompiledResource> out = new ArrayList<>();
    for (UnitKey unit : units.keysOfHost(host)) {
      addSidecarOnly(units.output(unit), out);
    }
    return out;
  }

  /** The sidecar-class resources of a unit's output (its grpc-class ones are not what routers carry). */
  private static void addSidecarOnly(SortedMap<ResourceKey, CompiledResource> output, List<CompiledResource> out) {
    for (CompiledResource r : output.values()) {
      if (ProxyClasses.SIDECAR.equals(r.key().proxyClass())) {
        out.add(r);
      }
    }
  }
}
