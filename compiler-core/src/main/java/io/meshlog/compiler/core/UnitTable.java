package io.meshlog.compiler.core;

import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.UnitKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The current IR by service port, with port number to hosts for the sidecar aggregates, and each unit's
 * serialized sidecar virtual host so an aggregate is reassembled from bytes rather than rebuilt.
 */
final class UnitTable {
  private final TreeMap<UnitKey, ServicePortIr> units = new TreeMap<>();
  private final TreeMap<UnitKey, byte[]> virtualHosts = new TreeMap<>();
  // The unit's unscoped output, re-keyed (not recompiled) for every scope that admits it.
  private final TreeMap<UnitKey, SortedMap<ResourceKey, CompiledResource>> outputs = new TreeMap<>();
  private final TreeMap<Integer, SortedSet<String>> hostsByPort = new TreeMap<>();

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
    virtualHosts.put(ir.key(), virtualHost);
    hostsByPort.computeIfAbsent(ir.key().port(), p -> new TreeSet<>()).add(ir.key().host());
  }

  void remove(UnitKey key) {
    units.remove(key);
    virtualHosts.remove(key);
    outputs.remove(key);
    SortedSet<String> hosts = hostsByPort.get(key.port());
    if (hosts != null) {
      hosts.remove(key.host());
      if (hosts.isEmpty()) {
        hostsByPort.remove(key.port());
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
    return virtualHosts.get(key);
  }

  /** The serialized virtual hosts of all units on a port number, sorted by host. */
  List<byte[]> virtualHostsOnPort(int port) {
    List<byte[]> out = new ArrayList<>();
    for (String host : hostsByPort.getOrDefault(port, new TreeSet<>())) {
      out.add(virtualHosts.get(new UnitKey(host, port)));
    }
    return out;
  }
}
