package io.meshlog.compiler.core;

import io.meshlog.compiler.core.envoy.TcpChainBytes;
import io.meshlog.compiler.core.ir.UnitKey;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Each service port's serialized sidecar TCP/TLS chains, so a port's listener is reassembled from bytes when
 * one of its services changes. Kept beside {@link UnitTable} (same keys, same lifecycle) rather than in it.
 */
final class TcpChainTable {
  private final TreeMap<UnitKey, List<TcpChainBytes>> chains = new TreeMap<>();

  void put(UnitKey key, List<TcpChainBytes> unitChains) {
    if (unitChains.isEmpty()) {
      chains.remove(key);
    } else {
      chains.put(key, List.copyOf(unitChains));
    }
  }

  void remove(UnitKey key) {
    chains.remove(key);
  }

  /** One service port's chains; empty when it has none. */
  List<TcpChainBytes> of(UnitKey key) {
    return chains.getOrDefault(key, List.of());
  }

  /**
   * The chains of every service port with this number, by host. Scans the table, which holds only ports with
   * TCP or TLS chains (few next to HTTP services), so a change costs O(TCP/TLS service ports), not O(mesh).
   */
  List<TcpChainBytes> onPort(int port) {
    List<TcpChainBytes> out = new ArrayList<>();
    chains.forEach((key, list) -> {
      if (key.port() == port) {
        out.addAll(list);
      }
    });
    return out;
  }
}
