package io.meshlog.mesh.analysis;

import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0010: TCP and TLS routes reach Envoy sidecars only. Proxyless gRPC clients speak HTTP/2 to the endpoints
 * themselves and have no listener for opaque connections, so nothing of these routes applies to them.
 */
final class GrpcL4RouteCheck implements Check {
  static final String CODE = "MLA0010";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService vs : mesh.virtualServices) {
      if (!vs.appliesToMesh()) {
        continue; // routes only routers (Envoy) use: no gRPC client was going to follow them
      }
      if (!vs.tcp().isEmpty()) {
        out.add(finding(vs, "spec.tcp"));
      }
      if (!vs.tls().isEmpty()) {
        out.add(finding(vs, "spec.tls"));
      }
    }
  }

  private static Finding finding(VirtualService vs, String field) {
    return new Finding(CODE, Severity.WARNING, vs.ref().toString(), field,
        "applies to Envoy sidecars only: proxyless gRPC clients have no TCP or TLS routing",
        "route gRPC clients with http routes; keep these for sidecar traffic");
  }
}
