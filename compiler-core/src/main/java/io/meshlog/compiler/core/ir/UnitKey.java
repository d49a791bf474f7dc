package io.meshlog.compiler.core.ir;

import java.util.Comparator;

/** The unit of compilation: one port of one service host. */
public record UnitKey(String host, int port) implements Comparable<UnitKey> {
  private static final Comparator<UnitKey> ORDER =
      Comparator.comparing(UnitKey::host).thenComparingInt(UnitKey::port);

  /** {@code host:port}: the gRPC listener, route configuration and virtual host name. */
  public String authority() {
    return host + ":" + port;
  }

  @Override
  public int compareTo(UnitKey o) {
    return ORDER.compare(this, o);
  }
}
