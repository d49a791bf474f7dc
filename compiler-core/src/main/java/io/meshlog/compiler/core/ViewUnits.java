package io.meshlog.compiler.core;

import io.meshlog.compiler.core.ir.UnitKey;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The service ports that exist in some proxy's view, by host: those of every service exported to any namespace.
 * The shared classes compile only what every namespace sees ({@link UnitTable}); a scope may also admit a port
 * only its namespace sees, so scopes are refreshed over these.
 */
final class ViewUnits {
  private final TreeMap<String, SortedSet<UnitKey>> byHost = new TreeMap<>();

  /** Sets the host's ports; returns them together with those it had before (what a scope may need to refresh). */
  SortedSet<UnitKey> replace(String host, SortedSet<UnitKey> keys) {
    SortedSet<UnitKey> out = new TreeSet<>(keys);
    SortedSet<UnitKey> before = keys.isEmpty() ? byHost.remove(host) : byHost.put(host, keys);
    if (before != null) {
      out.addAll(before);
    }
    return out;
  }

  SortedSet<UnitKey> all() {
    SortedSet<UnitKey> out = new TreeSet<>();
    for (Map.Entry<String, SortedSet<UnitKey>> e : byHost.entrySet()) {
      out.addAll(e.getValue());
    }
    return out;
  }
}
