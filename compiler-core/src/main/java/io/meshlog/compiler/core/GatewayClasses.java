package io.meshlog.compiler.core;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.VirtualService;
import io.meshlog.schemas.ProxyClasses;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which gateway classes a change reaches, and the service hosts each class's routes depend on. A Gateway change
 * reaches its class (old and new selector); a VirtualService change the classes of the Gateways it binds (before
 * and after); a service port change the classes routing to its host. Nothing else recompiles a gateway class.
 */
final class GatewayClasses {
  // Sorted, so iteration cannot reach the output in an unstable order.
  private final TreeMap<String, SortedSet<String>> hostsByClass = new TreeMap<>();

  /** The classes an object going from {@code before} to {@code after} reaches; index holds the mesh after. */
  static SortedSet<String> reached(Optional<MeshObject> before, Optional<MeshObject> after, MeshIndex index) {
    SortedSet<String> out = new TreeSet<>();
    for (Optional<MeshObject> o : java.util.List.of(before, after)) {
      if (o.isPresent() && o.get() instanceof Gateway g) {
        out.add(ProxyClasses.gateway(g.selector()));
      } else if (o.isPresent() && o.get() instanceof VirtualService vs) {
        for (String id : vs.boundGatewayIds()) {
          index.get("Gateway/" + id).map(Gateway.class::cast)
              .ifPresent(g -> out.add(ProxyClasses.gateway(g.selector())));
        }
      }
    }
    return out;
  }

  /** The classes whose routes send traffic to any of {@code hosts}. */
  SortedSet<String> routingTo(Set<String> hosts) {
    SortedSet<String> out = new TreeSet<>();
    for (Map.Entry<String, SortedSet<String>> e : hostsByClass.entrySet()) {
      for (String h : e.getValue()) {
        if (hosts.contains(h)) {
          out.add(e.getKey());
          break;
        }
      }
    }
    return out;
  }

  void setHosts(String proxyClass, SortedSet<String> hosts) {
    if (hosts.isEmpty()) {
      hostsByClass.remove(proxyClass);
    } else {
      hostsByClass.put(proxyClass, hosts);
    }
  }
}
