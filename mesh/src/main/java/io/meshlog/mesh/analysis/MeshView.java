package io.meshlog.mesh.analysis;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.Labels;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Sidecar;
import io.meshlog.mesh.VirtualService;
import io.meshlog.mesh.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The objects under analysis by kind, each list sorted by (kind, namespace, name) for stable output. */
final class MeshView {
  final List<Service> services = new ArrayList<>();
  final List<VirtualService> virtualServices = new ArrayList<>();
  final List<DestinationRule> destinationRules = new ArrayList<>();
  final List<Workload> workloads = new ArrayList<>();
  final List<Sidecar> sidecars = new ArrayList<>();
  final List<Gateway> gateways = new ArrayList<>();

  MeshView(Collection<? extends MeshObject> objects) {
    List<MeshObject> sorted = new ArrayList<>(objects);
    sorted.sort(Comparator.comparing(MeshObject::ref).thenComparing(MeshObject::key));
    for (MeshObject o : sorted) {
      if (o instanceof Service s) {
        services.add(s);
      } else if (o instanceof VirtualService v) {
        virtualServices.add(v);
      } else if (o instanceof DestinationRule d) {
        destinationRules.add(d);
      } else if (o instanceof Workload w) {
        workloads.add(w);
      } else if (o instanceof Sidecar sc) {
        sidecars.add(sc);
      } else if (o instanceof Gateway g) {
        gateways.add(g);
      }
    }
  }

  List<Service> servicesFor(String host) {
    return services.stream().filter(s -> s.hosts().stream().anyMatch(h -> HostMatch.overlaps(h, host))).toList();
  }

  List<DestinationRule> rulesFor(String host) {
    return destinationRules.stream().filter(d -> HostMatch.overlaps(d.host(), host)).toList();
  }

  /** Inline endpoints, or the workloads in the service's namespace that its selector picks. */
  List<Endpoint> endpointsOf(Service s) {
    if (!s.selectsWorkloads()) {
      return s.endpoints();
    }
    return workloads.stream()
        .filter(w -> w.ref().namespace().equals(s.ref().namespace()))
        .map(Workload::endpoint)
        .filter(e -> Labels.selects(s.workloadSelector(), e.labels()))
        .toList();
  }
}
