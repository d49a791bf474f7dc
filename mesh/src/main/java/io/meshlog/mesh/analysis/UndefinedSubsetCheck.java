package io.meshlog.mesh.analysis;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.VirtualService;
import java.util.List;

/**
 * MLA0001: a route (HTTP, TCP or TLS) sends traffic to a subset no DestinationRule defines; the proxy would have
 * no cluster.
 */
final class UndefinedSubsetCheck implements Check {
  static final String CODE = "MLA0001";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService vs : mesh.virtualServices) {
      for (int i = 0; i < vs.http().size(); i++) {
        HttpRoute route = vs.http().get(i);
        for (int j = 0; j < route.destinations().size(); j++) {
          RouteDestination d = route.destinations().get(j);
          check(mesh, vs, "spec.http[" + i + "].route[" + j + "]", d, out);
        }
      }
      checkL4(mesh, vs, "spec.tcp", vs.tcp(), out);
      checkL4(mesh, vs, "spec.tls", vs.tls(), out);
    }
  }

  /** TCP and TLS routes name clusters the same way: a missing subset leaves tcp_proxy without its cluster. */
  private static void checkL4(MeshView mesh, VirtualService vs, String path, List<L4Route> routes, List<Finding> out) {
    for (int i = 0; i < routes.size(); i++) {
      List<RouteDestination> ds = routes.get(i).destinations();
      for (int j = 0; j < ds.size(); j++) {
        check(mesh, vs, path + "[" + i + "].route[" + j + "]", ds.get(j), out);
      }
    }
  }

  private static void check(MeshView mesh, VirtualService vs, String at, RouteDestination d, List<Finding> out) {
    if (!d.subset().isEmpty() && !defined(mesh.rulesFor(d.host()), d.subset())) {
      out.add(new Finding(CODE, Severity.ERROR, vs.ref().toString(), at + ".destination.subset",
          "subset \"" + d.subset() + "\" of host " + d.host() + " is defined by no DestinationRule",
          "add subset " + d.subset() + " to the DestinationRule for " + d.host() + ", or route to a defined subset"));
    }
  }

  private static boolean defined(List<DestinationRule> rules, String subset) {
    return rules.stream().flatMap(r -> r.subsets().stream()).anyMatch(s -> s.name().equals(subset));
  }
}
