package io.meshlog.compiler.core;

import io.meshlog.compiler.core.envoy.ResourceCompiler;
import io.meshlog.compiler.core.index.AffectedHosts;
import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.compiler.core.ir.IrBuilder;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.UnitKey;
import io.meshlog.mesh.MeshObject;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The compile core: a deterministic state machine from mesh changes to xDS resources. Same changes in, same
 * bytes out. Each change recompiles only the resources that depend on it.
 *
 * <p>Pipeline: a change finds the hosts it affects through the {@link MeshIndex}; each host is rebuilt into IR
 * ({@link ServicePortIr} per port); service ports whose IR changed are recompiled, then the sidecar aggregates
 * of their port numbers; the {@link ResourceTable} reports what differs from before. Not thread-safe.
 */
public final class MeshCompiler {
  /** Recorded on every output record, so a replay can tell whether it would reproduce the same bytes. */
  public static final String VERSION = "meshlog-compiler/1";

  private final MeshIndex index = new MeshIndex();
  private final UnitTable units = new UnitTable();
  private final TcpChainTable tcpChains = new TcpChainTable();
  private final ResourceTable table = new ResourceTable();

  /** Adds or replaces the object with the same {@link MeshObject#key()}. */
  public CompileDelta upsert(MeshObject object) {
    return upsertAll(List.of(object));
  }

  /** Applies several upserts as one change, with one delta (e.g. rebuilding from a store on start). */
  public CompileDelta upsertAll(Collection<? extends MeshObject> objects) {
    SortedSet<String> hosts = new TreeSet<>();
    for (MeshObject object : objects) {
      Optional<MeshObject> previous = index.put(object);
      if (!previous.equals(Optional.of(object))) {
        hosts.addAll(AffectedHosts.of(previous, Optional.of(object), index));
      }
    }
    return recompile(hosts);
  }

  /**
   * Applies changes in order as one change, with one delta. A batch costs one recompile of the hosts it touches
   * (and one rebuild of each aggregate), however many events it holds; the result is the same as applying them
   * one by one.
   */
  public CompileDelta applyAll(List<MeshChange> changes) {
    SortedSet<String> hosts = new TreeSet<>();
    for (MeshChange change : changes) {
      if (change instanceof MeshChange.Upsert u) {
        Optional<MeshObject> previous = index.put(u.object());
        if (!previous.equals(Optional.of(u.object()))) {
          hosts.addAll(AffectedHosts.of(previous, Optional.of(u.object()), index));
        }
      } else if (change instanceof MeshChange.Delete d) {
        hosts.addAll(AffectedHosts.of(index.remove(d.key()), Optional.empty(), index));
      }
    }
    return recompile(hosts);
  }

  /** Removes the object with this key; a key not present is a no-op. */
  public CompileDelta delete(String key) {
    Optional<MeshObject> previous = index.remove(key);
    return recompile(AffectedHosts.of(previous, Optional.empty(), index));
  }

  /** The whole current output. */
  public SortedMap<ResourceKey, CompiledResource> resources() {
    return table.snapshot();
  }

  private CompileDelta recompile(SortedSet<String> hosts) {
    SortedSet<Integer> dirtyPorts = new TreeSet<>();
    for (String host : hosts) {
      List<ServicePortIr> fresh = IrBuilder.build(host, index);
      Set<UnitKey> freshKeys = new HashSet<>();
      for (ServicePortIr ir : fresh) {
        freshKeys.add(ir.key());
        if (!units.get(ir.key()).equals(Optional.of(ir))) {
          units.put(ir, ResourceCompiler.sidecarVirtualHost(ir));
          tcpChains.put(ir.key(), ResourceCompiler.sidecarTcpChains(ir));
          table.replace(ir.key(), ResourceCompiler.unit(ir));
          dirtyPorts.add(ir.key().port());
        }
      }
      for (UnitKey gone : units.keysOfHost(host)) {
        if (!freshKeys.contains(gone)) {
          units.remove(gone);
          tcpChains.remove(gone);
          table.replace(gone, Collections.emptySortedMap());
          dirtyPorts.add(gone.port());
        }
      }
    }
    for (int port : dirtyPorts) {
      table.replace(port, ResourceCompiler.port(port, units.virtualHostsOnPort(port), tcpChains.onPort(port)));
    }
    return table.takeDelta();
  }
}
