package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import io.meshlog.mesh.Subset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mesh index to IR for one host: one {@link ServicePortIr} per port of the service that owns the host. */
public final class IrBuilder {
  private IrBuilder() {}

  /** Sorted by port; empty when no service declares the host. */
  public static List<ServicePortIr> build(String host, MeshIndex index) {
    Service service = ServiceOwners.service(host, index).orElse(null);
    if (service == null) {
      return List.of();
    }
    DestinationRule rule = ServiceOwners.destinationRule(host, index).orElse(null);
    List<ServicePortIr> out = new ArrayList<>();
    for (ServicePort port : distinctPorts(service)) {
      UnitKey key = new UnitKey(host, port.number());
      out.add(new ServicePortIr(key, clusters(service, port, key, rule, index), RouteResolver.routes(key, index),
          TcpChainResolver.chains(key, service, port, index)));
    }
    return out;
  }

  /**
   * The units of the host in any view: a port of any service declaring it there (a superset of what
   * {@link #build} returns for a narrower view, without resolving routes or endpoints).
   */
  public static java.util.SortedSet<UnitKey> unitKeys(String host, MeshIndex index) {
    java.util.SortedSet<UnitKey> out = new java.util.TreeSet<>();
    for (Service s : index.servicesForHost(host)) {
      s.ports().forEach(p -> out.add(new UnitKey(host, p.number())));
    }
    return out;
  }

  private static List<ClusterIr> clusters(
      Service service, ServicePort port, UnitKey key, DestinationRule rule, MeshIndex index) {
    List<ClusterIr> clusters = new ArrayList<>();
    clusters.add(new ClusterIr(
        ClusterNames.outbound(key.port(), "", key.host()),
        "",
        IstioMutualSans.apply(ClusterPolicies.resolve(rule, null, port.number()), service, index),
        EndpointSelector.select(service, port, Map.of(), key.host(), index),
        service.resolution(),
        ClusterIr.PortProtocol.of(port.protocol())));
    for (Subset subset : distinctSubsets(rule)) {
      clusters.add(new ClusterIr(
          ClusterNames.outbound(key.port(), subset.name(), key.host()),
          subset.name(),
          IstioMutualSans.apply(ClusterPolicies.resolve(rule, subset, port.number()), service, index),
          EndpointSelector.select(service, port, subset.labels(), key.host(), index),
          service.resolution(),
          ClusterIr.PortProtocol.of(port.protocol())));
    }
    return clusters;
  }

  /** First declaration of a port number wins; ordered by number. */
  private static List<ServicePort> distinctPorts(Service service) {
    Map<Integer, ServicePort> byNumber = new TreeMap<>();
    for (ServicePort p : service.ports()) {
      byNumber.putIfAbsent(p.number(), p);
    }
    return List.copyOf(byNumber.values());
  }

  /** First declaration of a subset name wins; ordered by name. */
  static List<Subset> distinctSubsets(DestinationRule rule) {
    if (rule == null) {
      return List.of();
    }
    Map<String, Subset> byName = new TreeMap<>();
    for (Subset s : rule.subsets()) {
      if (s.name() != null && !s.name().isEmpty()) {
        byName.putIfAbsent(s.name(), s);
      }
    }
    return List.copyOf(byName.values());
  }
}
