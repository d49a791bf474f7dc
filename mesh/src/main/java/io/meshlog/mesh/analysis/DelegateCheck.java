package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Delegate;
import io.meshlog.mesh.DelegateMerge;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.VirtualService;
import java.util.List;
import java.util.Optional;

/**
 * Delegation problems, each making a root route contribute less than written (istiod skips such routes the
 * same way): MLA0011 the delegate does not exist; MLA0012 it has hosts, so it is a root itself and never a
 * delegate; MLA0013 it delegates again (Istio allows one level, so those routes are ignored); MLA0014 one of its
 * routes matches requests the root route does not send it, so that route is dropped.
 */
final class DelegateCheck implements Check {
  static final String MISSING = "MLA0011";
  static final String HAS_HOSTS = "MLA0012";
  static final String TWO_LEVELS = "MLA0013";
  static final String CONFLICT = "MLA0014";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (VirtualService root : mesh.virtualServices) {
      for (int i = 0; i < root.http().size(); i++) {
        HttpRoute route = root.http().get(i);
        if (route.delegate() != null) {
          check(mesh, root, route, "spec.http[" + i + "].delegate", out);
        }
      }
    }
  }

  private static void check(MeshView mesh, VirtualService root, HttpRoute route, String field, List<Finding> out) {
    Delegate d = route.delegate();
    String object = root.ref().toString();
    Optional<VirtualService> target = mesh.virtualServices.stream().filter(v -> v.key().equals(d.key())).findFirst();
    if (target.isEmpty()) {
      out.add(new Finding(MISSING, Severity.WARNING, object, field,
          "delegate VirtualService " + d.namespace() + "/" + d.name() + " does not exist, so this route is skipped",
          "create the delegate (a VirtualService without hosts) or fix name/namespace"));
      return;
    }
    VirtualService delegate = target.get();
    if (!delegate.delegateOnly()) {
      out.add(new Finding(HAS_HOSTS, Severity.WARNING, object, field,
          "VirtualService " + d.namespace() + "/" + d.name() + " has hosts, so it is not a delegate and this route "
              + "is skipped",
          "remove spec.hosts from the delegate, or delegate to a VirtualService without hosts"));
    }
    if (delegate.http().stream().anyMatch(r -> r.delegate() != null)) {
      out.add(new Finding(TWO_LEVELS, Severity.WARNING, object, field,
          "delegate " + d.namespace() + "/" + d.name() + " delegates again; Istio allows one level, so its "
              + "delegating routes are ignored",
          "route directly in the delegate instead of delegating further"));
    }
    if (delegate.delegateOnly()) {
      for (int j : DelegateMerge.merge(route, delegate).dropped()) {
        out.add(new Finding(CONFLICT, Severity.WARNING, delegate.ref().toString(), "spec.http[" + j + "].match",
            "conflicts with the match of " + object + " " + field.replace(".delegate", "")
                + " (it would match requests the root does not send here), so this route is dropped",
            "narrow the match to fall within the root route's match, or drop it"));
      }
    }
  }
}
