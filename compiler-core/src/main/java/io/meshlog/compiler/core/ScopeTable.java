package io.meshlog.compiler.core;

import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.UnitKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scopes (Sidecars and implicit ones, see {@link ClientScopes}) and, per scope, the service ports it admits, by port number: what a scope's per-port
 * aggregates are assembled from, so assembling one costs O(admitted services on the port), not O(mesh).
 */
final class ScopeTable {
  private final TreeMap<String, ClientScope> scopes = new TreeMap<>();
  // Looked up only, never iterated: its order cannot reach the output.
  private final Map<String, TreeMap<Integer, TreeSet<String>>> admitted = new HashMap<>();
  private final Map<String, Map<UnitKey, Own>> own = new HashMap<>();

  /**
   * A service port as this scope's namespace sees it when exportTo hides some object it depends on: its own IR
   * and serialized sidecar virtual host, instead of the shared ones.
   */
  record Own(ServicePortIr ir, byte[] virtualHost) {}

  Optional<Own> own(String scopeId, UnitKey unit) {
    return Optional.ofNullable(own.getOrDefault(scopeId, Map.of()).get(unit));
  }

  void setOwn(String scopeId, UnitKey unit, Optional<Own> value) {
    if (value.isPresent()) {
      own.computeIfAbsent(scopeId, s -> new HashMap<>()).put(unit, value.get());
    } else if (own.containsKey(scopeId)) {
      own.get(scopeId).remove(unit);
    }
  }

  /** Every scope, by id. */
  List<ClientScope> all() {
    return List.copyOf(scopes.values());
  }

  Optional<ClientScope> get(String scopeId) {
    return Optional.ofNullable(scopes.get(scopeId));
  }

  /** Every scope by id. */
  SortedMap<String, ClientScope> byId() {
    return new TreeMap<>(scopes);
  }

  void put(ClientScope scope) {
    scopes.put(scope.id(), scope);
  }

  void remove(String scopeId) {
    scopes.remove(scopeId);
    admitted.remove(scopeId);
    own.remove(scopeId);
  }

  boolean isAdmitted(String scopeId, UnitKey unit) {
    TreeMap<Integer, TreeSet<String>> ports = admitted.get(scopeId);
    return ports != null && ports.getOrDefault(unit.port(), new TreeSet<>()).contains(unit.host());
  }

  void admit(String scopeId, UnitKey unit) {
    admitted.computeIfAbsent(scopeId, s -> new TreeMap<>())
        .computeIfAbsent(unit.port(), p -> new TreeSet<>()).add(unit.host());
  }

  void drop(String scopeId, UnitKey unit) {
    setOwn(scopeId, unit, Optional.empty());
    TreeMap<Integer, TreeSet<String>> ports = admitted.get(scopeId);
    if (ports == null) {
      return;
    }
    TreeSet<String> hosts = ports.get(unit.port());
    if (hosts != null) {
      hosts.remove(unit.host());
      if (hosts.isEmpty()) {
        ports.remove(unit.port());
      }
    }
  }

  /** The admitted hosts on one port number, sorted. */
  SortedSet<String> hostsOn(String scopeId, int port) {
    TreeMap<Integer, TreeSet<String>> ports = admitted.get(scopeId);
    TreeSet<String> hosts = ports == null ? null : ports.get(port);
    return hosts == null ? new TreeSet<>() : new TreeSet<>(hosts);
  }

  /** Every admitted service port of the scope, sorted. */
  SortedSet<UnitKey> units(String scopeId) {
    SortedSet<UnitKey> out = new TreeSet<>();
    admitted.getOrDefault(scopeId, new TreeMap<>()).forEach((port, hosts) ->
        hosts.forEach(h -> out.add(new UnitKey(h, port))));
    return out;
  }
}
