package io.meshlog.mesh;

import java.util.List;
import java.util.Map;

/**
 * Header edits: {@code set} overwrites, {@code add} appends, {@code remove} drops.
 *
 * @param set header name (lower case) -> value
 * @param add header name (lower case) -> value
 * @param remove header names (lower case)
 */
public record HeaderOps(Map<String, String> set, Map<String, String> add, List<String> remove) {
  public static final HeaderOps NONE = new HeaderOps(Map.of(), Map.of(), List.of());

  public HeaderOps {
    set = Map.copyOf(set);
    add = Map.copyOf(add);
    remove = List.copyOf(remove);
  }
}
