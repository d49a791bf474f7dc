package io.meshlog.mesh.analysis;

import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0008: a TCP route (or match) without destinationSubnets for hosts whose services have no addresses. The
 * sidecar's chain matches the service by its addresses; with none it would match the whole port like the HTTP
 * chain, so the compiler leaves it out and the route does nothing.
 */
final class TcpRouteWithoutAddressCheck implements Check {
  static final String CODE = "MLA0008";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService vs : mesh.virtualServices) {
      // A VirtualService only routers use (gateways without mesh) makes no sidecar chain to miss.
      if (vs.tcp().isEmpty() || !vs.appliesToMesh() || hasAddress(mesh, vs)) {
        continue;
      }
      for (int i = 0; i < vs.tcp().size(); i++) {
        L4Route route = vs.tcp().get(i);
        if (route.matches().isEmpty()) {
          out.add(finding(vs, "spec.tcp[" + i + "]"));
        }
        for (int j = 0; j < route.matches().size(); j++) {
          L4Match m = route.matches().get(j);
          if (m.destinationSubnets().isEmpty()) {
            out.add(finding(vs, "spec.tcp[" + i + "].match[" + j + "]"));
          }
        }
      }
    }
  }

  private static boolean hasAddress(MeshView mesh, VirtualService vs) {
    return vs.hosts().stream().flatMap(h -> mesh.servicesFor(h).stream()).map(Service::addresses)
        .anyMatch(a -> !a.isEmpty());
  }

  private static Finding finding(VirtualService vs, String field) {
    return new Finding(CODE, Severity.WARNING, vs.ref().toString(), field,
        "matches no destination: the services of " + String.join(", ", vs.hosts()) + " have no addresses and the "
            + "match names no destinationSubnets, so sidecars get no TCP chain for it",
        "add spec.addresses to the ServiceEntry, or destinationSubnets to the match");
  }
}
