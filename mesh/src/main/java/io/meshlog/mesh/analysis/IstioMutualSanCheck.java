package io.meshlog.mesh.analysis;

import io.meshlog.mesh.ClientTls;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Subset;
import io.meshlog.mesh.TrafficPolicy;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * MLA0056: a DestinationRule's {@code ISTIO_MUTUAL} without {@code subjectAltNames} for a host whose endpoints name
 * service accounts. istiod then requires the server to present one of those accounts' identities; meshlog does not
 * derive SANs from endpoints (a class is shared by proxies and the trust domain is the proxy's), so the server is
 * checked only against the mesh root.
 */
final class IstioMutualSanCheck implements Check {
  static final String CODE = "MLA0056";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    for (DestinationRule rule : mesh.destinationRules) {
      SortedSet<String> accounts = new TreeSet<>();
      for (Service s : mesh.servicesFor(rule.host())) {
        for (Endpoint e : mesh.endpointsOf(s)) {
          if (!e.serviceAccount().isEmpty()) {
            accounts.add("spiffe://cluster.local/ns/" + s.ref().namespace() + "/sa/" + e.serviceAccount());
          }
        }
      }
      if (accounts.isEmpty()) {
        continue;
      }
      check(rule, "spec.trafficPolicy.tls", rule.trafficPolicy(), accounts, out);
      for (int i = 0; i < rule.subsets().size(); i++) {
        Subset s = rule.subsets().get(i);
        check(rule, "spec.subsets[" + i + "].trafficPolicy.tls", s.trafficPolicy(), accounts, out);
      }
    }
  }

  private static void check(
      DestinationRule rule, String field, TrafficPolicy policy, SortedSet<String> accounts, List<Finding> out) {
    ClientTls tls = policy == null ? null : policy.tls();
    if (tls != null && tls.mode() == ClientTls.Mode.ISTIO_MUTUAL && tls.subjectAltNames().isEmpty()) {
      out.add(new Finding(CODE, Severity.WARNING, rule.ref().toString(), field,
          "the upstream is verified against the mesh root only: meshlog does not turn the endpoints' serviceAccount"
              + " into required SANs as istiod does",
          "add subjectAltNames: " + accounts + " (the trust domain is assumed to be cluster.local)"));
    }
  }
}
