package io.meshlog.compiler.core;

import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.UnitKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The current IR by service port, its unscoped output, and per port number each unit's serialized sidecar
 * virtual host by host, so an aggregate is reassembled from bytes rather than rebuilt. Virtual hosts are held
 * per port (not looked up per unit key) because reassembly walks every host on the port on each change: one
 * sorted map's values is a plain walk, measured as the compile core's hot spot at 10k services before this layout.
 */
final class UnitTable {
  private final TreeMap<UnitKey, ServicePortIr> units = new TreeMap<>();
  // The unit's unscoped output, re-keyed (not recompiled) for every scope that admits it.
  private final TreeMap<UnitKey, SortedMap<ResourceKey, CompiledResource>> outputs = new TreeMap<>();
  private final TreeMap<Integer, TreeMap<String, byte[]>> virtualHostsByPort = new TreeMap<>();

  Optional<ServicePortIr> get(UnitKey key) {
    return Optional.ofNullable(units.get(key));
  }

  /** The keys of one host's units, in port order. */
  List<UnitKey> keysOfHost(String host) {
    return List.copyOf(units.subMap(new UnitKey(host, Integer.MIN_VALUE), new UnitKey(host, Integer.MAX_VALUE)).keySet());
  }

  void put(ServicePortIr ir, byte[] virtualHost, SortedMap<ResourceKey, CompiledResource> output) {
    units.put(ir.key(), ir);
    outputs.put(ir.key(), output);
    virtualHostsByPort.computeIfAbsent(ir.key().port(), p -> new TreeMap<>()).put(ir.key().host(), virtualHost);
  }

  void remove(UnitKey key) {
    units.remove(key);
    outputs.remove(key);
    TreeMap<String, byte[]> hosts = virtualHostsByPort.get(key.port());
    if (hosts != null) {
      hosts.remove(key.host());
      if (hosts.isEmpty()) {
        virtualHostsByPort.remove(key.port());
      }
    }
  }

  /** Every unit's key, sorted. */
  List<UnitKey> keys() {
    return List.copyOf(units.keySet());
  }

  SortedMap<ResourceKey, CompiledResource> output(UnitKey key) {
    return outputs.get(key);
  }

  byte[] virtualHost(UnitKey key) {
    TreeMap<String, byte[]> hosts = virtualHostsByPort.get(key.port());
    return hosts == null ? null : hosts.get(key.host());
  }

  /** The serialized virtual hosts of all units on a port number, sorted by host. */
  List<byte[]> virtualHostsOnPort(int port) {
    return new ArrayList<>(virtualHostsByPort.getOrDefault(port, new TreeMap<>()).values());
  }
}
