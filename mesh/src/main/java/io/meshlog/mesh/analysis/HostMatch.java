package io.meshlog.mesh.analysis;

/** Host comparison with Istio wildcards: {@code *} matches every host, {@code *.x.com} every host under it. */
final class HostMatch {
  private HostMatch() {}

  /** Whether some request host could match both patterns. */
  static boolean overlaps(String a, String b) {
    return covers(a, b) || covers(b, a);
  }

  private static boolean covers(String pattern, String host) {
    if (pattern.equals(host) || pattern.equals("*")) {
      return true;
    }
    return pattern.startsWith("*.") && host.endsWith(pattern.substring(1));
  }
}
