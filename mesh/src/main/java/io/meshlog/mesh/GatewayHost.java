package io.meshlog.mesh;

/**
 * A Gateway server host {@code namespace/dnsName}: which VirtualServices may bind to it (namespace {@code *} any,
 * {@code .} the Gateway's own, else that namespace) and which hosts it accepts ({@code *}, {@code *.suffix} or
 * exact).
 */
public record GatewayHost(String namespace, String host) {
  public static final String ANY = "*";
  public static final String SAME = ".";

  /** Whether a VirtualService in {@code vsNamespace} may bind here, the Gateway being in {@code gatewayNamespace}. */
  public boolean admitsNamespace(String gatewayNamespace, String vsNamespace) {
    return switch (namespace) {
      case ANY -> true;
      case SAME -> gatewayNamespace.equals(vsNamespace);
      default -> namespace.equals(vsNamespace);
    };
  }

  /**
   * The domain a VirtualService host gets on this server: the more specific of the two when they overlap
   * ({@code *} and {@code a.example.com} give {@code a.example.com}), else null.
   */
  public String intersect(String vsHost) {
    if (covers(host, vsHost)) {
      return vsHost;
    }
    if (covers(vsHost, host)) {
      return host;
    }
    return null;
  }

  /** Whether pattern {@code wide} admits every host {@code narrow} admits. */
  public static boolean covers(String wide, String narrow) {
    if (wide.equals(narrow) || wide.equals(ANY)) {
      return true;
    }
    if (wide.startsWith("*.")) {
      return narrow.endsWith(wide.substring(1));
    }
    return false;
  }

  @Override
  public String toString() {
    return namespace + "/" + host;
  }
}
