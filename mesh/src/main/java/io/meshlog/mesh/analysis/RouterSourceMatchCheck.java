package io.meshlog.mesh.analysis;

import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0041: a match with sourceLabels or sourceNamespace, and no gateways of its own, in a VirtualService bound to
 * Gateways. istiod evaluates the fields against each router's labels and namespace; meshlog compiles one class
 * per set of Gateway selectors, not per router, so at routers the fields are ignored and the match applies to
 * every router of the Gateway (sidecars and gRPC clients honour them). A match that names its gateways ignores them in
 * istiod too, so it is not reported.
 */
final class RouterSourceMatchCheck implements Check {
  static final String CODE = "MLA0041";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService vs : mesh.virtualServices) {
      if (vs.gatewayIds().isEmpty()) {
        continue;
      }
      for (int i = 0; i < vs.http().size(); i++) {
        List<HttpMatch> matches = vs.http().get(i).matches();
        for (int j = 0; j < matches.size(); j++) {
          HttpMatch m = matches.get(j);
          report(vs, "spec.http[" + i + "].match[" + j + "]", m.gateways(), m.sourceLabels().isEmpty(),
              m.sourceNamespace().isEmpty(), out);
        }
      }
      for (int i = 0; i < vs.tls().size(); i++) {
        List<L4Match> matches = vs.tls().get(i).matches();
        for (int j = 0; j < matches.size(); j++) {
          L4Match m = matches.get(j);
          report(vs, "spec.tls[" + i + "].match[" + j + "]", m.gateways(), m.sourceLabels().isEmpty(),
              m.sourceNamespace().isEmpty(), out);
        }
      }
    }
  }

  private static void report(VirtualService vs, String at, List<String> gateways, boolean noLabels, boolean noNamespace,
      List<Finding> out) {
    if (!gateways.isEmpty() || (noLabels && noNamespace)) {
      return;
    }
    out.add(new Finding(CODE, Severity.WARNING, vs.ref().toString(), at + (noLabels ? ".sourceNamespace" : ".sourceLabels"),
        "routers ignore the match's sourceLabels and sourceNamespace: a gateway class serves every router its"
            + " Gateway selects, so at a Gateway the match applies to all of them (sidecars and gRPC clients honour it)",
        "for routers, select by Gateway instead (match.gateways, or a Gateway with its own selector)"));
  }
}
