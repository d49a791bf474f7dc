package io.meshlog.mesh.analysis;

import io.meshlog.mesh.EgressHost;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Sidecar;
import java.util.List;

/**
 * MLA0016: a Sidecar egress host admits no service of the mesh (often a short name, or the wrong namespace:
 * the namespace is the one the service is declared in), so its proxies see nothing through it.
 */
final class SidecarEgressCheck implements Check {
  static final String CODE = "MLA0016";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (Sidecar sc : mesh.sidecars) {
      for (int i = 0; i < sc.egressHosts().size(); i++) {
        EgressHost h = sc.egressHosts().get(i);
        if (!h.namespace().equals(EgressHost.NONE) && !admitsAny(sc, h, mesh.services)) {
          out.add(new Finding(CODE, Severity.WARNING, sc.ref().toString(), "spec.egress[0].hosts[" + i + "]",
              "\"" + h + "\" admits no service (the namespace is the one the ServiceEntry is in)",
              "write ns/host with the service's namespace and full host, e.g. demo/echo.demo.svc"));
        }
      }
    }
  }

  private static boolean admitsAny(Sidecar sc, EgressHost h, List<Service> services) {
    for (Service s : services) {
      for (String host : s.hosts()) {
        if (h.admits(sc.ref().namespace(), s.ref().namespace(), host)) {
          return true;
        }
      }
    }
    return false;
  }
}
