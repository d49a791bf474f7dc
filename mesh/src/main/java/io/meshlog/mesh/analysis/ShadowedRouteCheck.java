package io.meshlog.mesh.analysis;

import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.StringMatch;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/** MLA0005: routes after one that matches every request are never used (first match wins). */
final class ShadowedRouteCheck implements Check {
  static final String CODE = "MLA0005";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService vs : mesh.virtualServices) {
      int catchAll = -1;
      for (int i = 0; i < vs.http().size(); i++) {
        if (catchAll >= 0) {
          out.add(new Finding(CODE, Severity.WARNING, vs.ref().toString(), "spec.http[" + i + "]",
              "route is never used: spec.http[" + catchAll + "] before it matches every request",
              "move the catch-all route last, or give it a match"));
        } else if (matchesEverything(vs.http().get(i))) {
          catchAll = i;
        }
      }
    }
  }

  static boolean matchesEverything(HttpRoute route) {
    return route.matches().isEmpty() || route.matches().stream().anyMatch(ShadowedRouteCheck::matchesEverything);
  }

  private static boolean matchesEverything(HttpMatch m) {
    boolean anyPath = m.uri() == null
        || (m.uri().type() == StringMatch.Type.PREFIX && (m.uri().value().isEmpty() || m.uri().value().equals("/")))
        || (m.uri().type() == StringMatch.Type.REGEX && m.uri().value().equals(".*"));
    return anyPath && m.headers().isEmpty() && m.withoutHeaders().isEmpty() && m.queryParams().isEmpty()
        && m.method() == null && m.authority() == null && m.scheme() == null
        // A match for one port or some gateways leaves the others to later routes.
        && m.port() == 0 && m.gateways().isEmpty();
  }
}
