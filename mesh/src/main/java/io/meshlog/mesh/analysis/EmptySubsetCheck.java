package io.meshlog.mesh.analysis;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.Labels;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Subset;
import java.util.List;

/**
 * MLA0004: a subset whose labels select no endpoint of the host's services: traffic routed there fails with
 * "no healthy upstream" (Envoy) or UNAVAILABLE (gRPC). Hosts without a service are MLA0007's concern.
 */
final class EmptySubsetCheck implements Check {
  static final String CODE = "MLA0004";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (DestinationRule dr : mesh.destinationRules) {
      List<Service> services = mesh.servicesFor(dr.host());
      if (services.isEmpty()) {
        continue;
      }
      List<Endpoint> endpoints = services.stream().flatMap(s -> mesh.endpointsOf(s).stream()).toList();
      for (int i = 0; i < dr.subsets().size(); i++) {
        Subset s = dr.subsets().get(i);
        if (endpoints.stream().noneMatch(e -> Labels.selects(s.labels(), e.labels()))) {
          out.add(new Finding(CODE, Severity.WARNING, dr.ref().toString(), "spec.subsets[" + i + "].labels",
              "subset \"" + s.name() + "\" selects no workload of " + dr.host() + " (labels " + s.labels() + ")",
              "fix the labels, or add a WorkloadEntry or endpoint carrying them"));
        }
      }
    }
  }
}
