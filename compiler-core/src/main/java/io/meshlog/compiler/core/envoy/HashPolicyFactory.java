package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.meshlog.mesh.ConsistentHash;

/** The route's hash for a ring-hash cluster: a header, or the source IP (Envoy only; gRPC ignores it). */
final class HashPolicyFactory {
  private HashPolicyFactory() {}

  static RouteAction.HashPolicy build(ConsistentHash hash) {
    RouteAction.HashPolicy.Builder b = RouteAction.HashPolicy.newBuilder();
    if (hash.useSourceIp()) {
      return b.setConnectionProperties(RouteAction.HashPolicy.ConnectionProperties.newBuilder().setSourceIp(true))
          .build();
    }
    return b.setHeader(RouteAction.HashPolicy.Header.newBuilder().setHeaderName(hash.headerName())).build();
  }
}
