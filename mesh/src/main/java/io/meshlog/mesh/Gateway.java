package io.meshlog.mesh;

import java.util.List;
import java.util.Map;

/**
 * An Istio Gateway: listeners for the router proxies its selector picks (in any namespace, Istio's default), and
 * the VirtualServices that name it in {@code gateways} route what those listeners accept.
 *
 * @param selector labels a router proxy must carry; empty: every router (Istio's empty selector)
 * @param servers in the order written
 */
public record Gateway(ObjectRef ref, Map<String, String> selector, List<GatewayServer> servers) implements MeshObject {
  /**
   * At most this many gateway classes (realizable sets of selectors, {@code SelectorSets.capped}) are compiled;
   * selectors that would make more are left out (analyze MLA0045).
   */
  public static final int MAX_SELECTOR_SETS = 32;

  public Gateway {
    selector = Map.copyOf(selector);
    servers = List.copyOf(servers);
  }

  /** {@code namespace/name}: how a VirtualService's {@code gateways} names it once qualified. */
  public String id() {
    return ref.namespace() + "/" + ref.name();
  }
}
