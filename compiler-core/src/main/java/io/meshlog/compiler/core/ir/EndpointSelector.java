package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.Labels;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import io.meshlog.mesh.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The healthy endpoints of a service port, optionally narrowed to a subset's labels. A DNS-resolved service without
 * endpoints has its host as the one endpoint, as in Istio (the proxy resolves it).
 */
final class EndpointSelector {
  private EndpointSelector() {}

  static List<EndpointIr> select(
      Service service, ServicePort port, Map<String, String> subsetLabels, String host, MeshIndex index) {
    if (resolvesHost(service) && subsetLabels.isEmpty()) {
      return List.of(new EndpointIr(host, port.targetPort() != 0 ? port.targetPort() : port.number(), "", 1));
    }
    return select(service, port, subsetLabels, index);
  }

  private static boolean resolvesHost(Service service) {
    boolean dns = service.resolution() == Service.Resolution.DNS
        || service.resolution() == Service.Resolution.DNS_ROUND_ROBIN;
    return dns && !service.selectsWorkloads() && service.endpoints().isEmpty();
  }

  static List<EndpointIr> select(Service service, ServicePort port, Map<String, String> subsetLabels, MeshIndex index) {
    List<EndpointIr> out = new ArrayList<>();
    for (Endpoint e : candidates(service, index)) {
      if (e.healthy() && e.address() != null && Labels.selects(subsetLabels, e.labels())) {
        out.add(new EndpointIr(e.address(), portOf(e, port), nonNull(e.locality()), Math.max(1, e.weight())));
      }
    }
    out.sort(null);
    return out;
  }

  /** Inline endpoints, or the workloads in the service's namespace that its selector picks. */
  static List<Endpoint> candidates(Service service, MeshIndex index) {
    if (!service.selectsWorkloads()) {
      return service.endpoints();
    }
    List<Endpoint> selected = new ArrayList<>();
    for (Workload w : index.workloadsIn(service.ref().namespace())) {
      if (Labels.selects(service.workloadSelector(), w.endpoint().labels())) {
        selected.add(w.endpoint());
      }
    }
    return selected;
  }

  /** The endpoint's own port for this port name, else the target port, else the service port itself. */
  static int portOf(Endpoint e, ServicePort port) {
    Integer named = port.name() == null ? null : e.ports().get(port.name());
    if (named != null) {
      return named;
    }
    return port.targetPort() != 0 ? port.targetPort() : port.number();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
