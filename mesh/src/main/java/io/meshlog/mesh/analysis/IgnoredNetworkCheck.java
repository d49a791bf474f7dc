package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Workload;
import java.util.List;

/**
 * MLA0055: an endpoint's {@code network} (a WorkloadEntry's, or a ServiceEntry's inline endpoint's). istiod uses it
 * for multi-network meshes: proxies get only the endpoints of their own network and reach the others through that
 * network's east-west gateway. meshlog does not know a proxy's network, so it sends every endpoint to every proxy
 * directly; the field changes nothing.
 */
final class IgnoredNetworkCheck implements Check {
  static final String CODE = "MLA0055";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (Workload w : mesh.workloads) {
      if (w.ref().kind().equals("WorkloadEntry") && !w.endpoint().network().isEmpty()) {
        out.add(finding(w.ref().toString(), "spec.network", w.endpoint().network()));
      }
    }
    for (Service s : mesh.services) {
      List<Endpoint> endpoints = s.endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        if (!endpoints.get(i).network().isEmpty()) {
          out.add(finding(s.ref().toString(), "spec.endpoints[" + i + "].network", endpoints.get(i).network()));
        }
      }
    }
  }

  private static Finding finding(String object, String field, String network) {
    return new Finding(CODE, Severity.WARNING, object, field,
        "ignored: meshlog sends the endpoint (network \"" + network + "\") to every proxy directly; it does not"
            + " filter endpoints per network or route sidecars to another network through its east-west gateway",
        "remove the field, or make sure every proxy can reach this address directly");
  }
}
