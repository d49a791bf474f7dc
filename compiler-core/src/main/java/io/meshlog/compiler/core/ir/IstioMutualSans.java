package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.ClientTls;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.Service;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The server identities an ISTIO_MUTUAL cluster requires when its rule lists no {@code subjectAltNames}: as
 * istiod does, the SPIFFE identities of the service's endpoints' service accounts, in Istio's default trust domain
 * {@code cluster.local}. Without any (no endpoint names one), the cluster verifies the mesh root only, as before.
 */
final class IstioMutualSans {
  static final String TRUST_DOMAIN = "cluster.local";

  private IstioMutualSans() {}

  static ClusterPolicy apply(ClusterPolicy policy, Service service, MeshIndex index) {
    ClientTls tls = policy.tls();
    if (tls == null || tls.mode() != ClientTls.Mode.ISTIO_MUTUAL || !tls.subjectAltNames().isEmpty()) {
      return policy;
    }
    SortedSet<String> sans = new TreeSet<>();
    for (Endpoint e : EndpointSelector.candidates(service, index)) {
      if (e.serviceAccount() != null && !e.serviceAccount().isEmpty()) {
        sans.add("spiffe://" + TRUST_DOMAIN + "/ns/" + service.ref().namespace() + "/sa/" + e.serviceAccount());
      }
    }
    if (sans.isEmpty()) {
      return policy;
    }
    ClientTls withSans = new ClientTls(tls.mode(), tls.sni(), List.copyOf(sans), tls.clientCertificate(),
        tls.privateKey(), tls.caCertificates());
    return new ClusterPolicy(policy.lbPolicy(), policy.hash(), policy.outlierDetection(), policy.connectionPool(),
        policy.localityLb(), withSans);
  }
}
