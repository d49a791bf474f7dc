package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.VirtualService;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MLA0020: a VirtualService's {@code gateways} names a Gateway the mesh does not have (a short name is looked up in
 * the VirtualService's namespace, as Istio reads it), so its routes reach no router through that entry.
 */
final class GatewayReferenceCheck implements Check {
  static final String CODE = "MLA0020";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    Set<String> ids = mesh.gateways.stream().map(Gateway::id).collect(Collectors.toSet());
    for (VirtualService vs : mesh.virtualServices) {
      for (int i = 0; i < vs.gateways().size(); i++) {
        String written = vs.gateways().get(i);
        if (written.equals(VirtualService.MESH)) {
          continue;
        }
        String id = VirtualService.qualifiedGateway(written, vs.ref().namespace());
        if (!ids.contains(id)) {
          out.add(new Finding(CODE, Severity.WARNING, vs.ref().toString(), "spec.gateways[" + i + "]",
              "Gateway " + id + " does not exist, so these routes reach no router through it",
              "create the Gateway, or write namespace/name when it is in another namespace than the VirtualService"));
        }
      }
    }
  }
}
