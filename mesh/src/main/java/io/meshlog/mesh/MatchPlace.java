package io.meshlog.mesh;

import java.util.List;

/**
 * Where a VirtualService route match applies, shared by HTTP and TCP/TLS matches: its {@code port} (0: any) and
 * its {@code gateways} ({@code mesh} or Gateway names; empty: wherever its VirtualService applies).
 */
final class MatchPlace {
  private MatchPlace() {}

  /**
   * Whether a match with this port and these gateways applies on {@code servedPort} where {@code where} is served
   * ({@link VirtualService#MESH}, or a Gateway as {@code namespace/name}); short Gateway names are read in
   * {@code namespace}, the VirtualService's.
   */
  static boolean applies(int port, List<String> gateways, int servedPort, String where, String namespace) {
    if (port != 0 && port != servedPort) {
      return false;
    }
    return gateways.isEmpty()
        || gateways.stream().anyMatch(g -> VirtualService.qualifiedGateway(g, namespace).equals(where));
  }
}
