package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Service;
import java.util.List;
import java.util.Optional;

/**
 * Which object speaks for a host when several declare it: the first by (namespace, name). A deterministic
 * rule that does not depend on arrival order (Istio resolves the same conflict by creation time).
 */
final class ServiceOwners {
  private ServiceOwners() {}

  static Optional<Service> service(String host, MeshIndex index) {
    return first(index.servicesForHost(host));
  }

  static Optional<DestinationRule> destinationRule(String host, MeshIndex index) {
    return first(index.destinationRulesForHost(host));
  }

  private static <T> Optional<T> first(List<T> sorted) {
    return sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.get(0));
  }
}
