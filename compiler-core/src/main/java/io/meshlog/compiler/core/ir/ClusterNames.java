package io.meshlog.compiler.core.ir;

/** Istio's outbound cluster naming, so Envoy stats and tooling read the same. */
public final class ClusterNames {
  private ClusterNames() {}

  /** {@code outbound|<port>|<subset>|<host>}; subset empty for the default cluster. */
  public static String outbound(int port, String subset, String host) {
    return "outbound|" + port + "|" + subset + "|" + host;
  }
}
