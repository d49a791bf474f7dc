package io.meshlog.mesh.analysis;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0002 / MLA0007: a VirtualService or DestinationRule host that no ServiceEntry declares. Such rules
 * compile to nothing until a service with that host appears, which is usually a typo.
 */
final class UnknownHostCheck implements Check {
  static final String VIRTUAL_SERVICE = "MLA0002";
  static final String DESTINATION_RULE = "MLA0007";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService vs : mesh.virtualServices) {
      if (!vs.appliesToMesh()) {
        continue; // a Gateway-only rule's hosts are names clients use at the router, not mesh services (MLA0021)
      }
      for (int i = 0; i < vs.hosts().size(); i++) {
        String host = vs.hosts().get(i);
        if (mesh.servicesFor(host).isEmpty()) {
          out.add(finding(VIRTUAL_SERVICE, vs.ref().toString(), "spec.hosts[" + i + "]", host));
        }
      }
    }
    for (DestinationRule dr : mesh.destinationRules) {
      if (!dr.host().isEmpty() && mesh.servicesFor(dr.host()).isEmpty()) {
        out.add(finding(DESTINATION_RULE, dr.ref().toString(), "spec.host", dr.host()));
      }
    }
  }

  private static Finding finding(String code, String object, String field, String host) {
    return new Finding(code, Severity.WARNING, object, field,
        "host " + host + " matches no ServiceEntry host, so this rule has no effect",
        "fix the host (short names are qualified as <name>.<namespace>.svc.cluster.local) or add a ServiceEntry for it");
  }
}
