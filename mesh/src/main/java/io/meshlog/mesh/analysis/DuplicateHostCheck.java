package io.meshlog.mesh.analysis;

import io.meshlog.mesh.VirtualService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MLA0003: two VirtualServices route the same host. Only one applies (the first by namespace and name, the
 * compiler's rule), so the other is reported where it names the host.
 */
final class DuplicateHostCheck implements Check {
  static final String CODE = "MLA0003";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    Map<String, VirtualService> first = new HashMap<>();
    for (VirtualService vs : mesh.virtualServices) {
      if (!vs.appliesToMesh()) {
        continue; // Gateway-only rules do not route sidecars; a Gateway merges them per host
      }
      for (int i = 0; i < vs.hosts().size(); i++) {
        String host = vs.hosts().get(i);
        VirtualService owner = first.putIfAbsent(host, vs);
        if (owner != null && owner != vs) {
          out.add(new Finding(CODE, Severity.WARNING, vs.ref().toString(), "spec.hosts[" + i + "]",
              "host " + host + " is also routed by " + owner.ref() + ", which takes precedence",
              "merge the routes into one VirtualService per host"));
        }
      }
    }
  }
}
