package io.meshlog.mesh.analysis;

import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0009: a TCP/TLS match on the client (sourceLabels, sourceNamespace). meshlog compiles one snapshot per
 * proxy class, not per client workload, so it cannot honour them: the match applies to every sidecar.
 */
final class IgnoredL4MatchFieldCheck implements Check {
  static final String CODE = "MLA0009";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService vs : mesh.virtualServices) {
      check(vs, "spec.tcp", vs.tcp(), out);
      check(vs, "spec.tls", vs.tls(), out);
    }
  }

  private static void check(VirtualService vs, String path, List<L4Route> routes, List<Finding> out) {
    for (int i = 0; i < routes.size(); i++) {
      List<L4Match> matches = routes.get(i).matches();
      for (int j = 0; j < matches.size(); j++) {
        String at = path + "[" + i + "].match[" + j + "].";
        if (!matches.get(j).sourceLabels().isEmpty()) {
          out.add(finding(vs, at + "sourceLabels"));
        }
        if (!matches.get(j).sourceNamespace().isEmpty()) {
          out.add(finding(vs, at + "sourceNamespace"));
        }
      }
    }
  }

  private static Finding finding(VirtualService vs, String field) {
    return new Finding(CODE, Severity.WARNING, vs.ref().toString(), field,
        "ignored: meshlog compiles per proxy class, not per client workload, so this match applies to every sidecar",
        "remove the field, or accept that the route applies to all clients");
  }
}
