package io.meshlog.mesh;

import java.util.Map;

/** Label selection as Kubernetes does it: every selector label present with the same value. */
public final class Labels {
  private Labels() {}

  public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
