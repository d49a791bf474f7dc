package io.meshlog.compiler.core.envoy;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.meshlog.mesh.ConsistentHash;

/**
 * The route's hash for a consistent-hash cluster: a header, a cookie, a query parameter or the source IP. gRPC
 * reads only the header form; it skips the others (a random ring position per call).
 */
final class HashPolicyFactory {
  private HashPolicyFactory() {}

  static RouteAction.HashPolicy build(ConsistentHash hash) {
    RouteAction.HashPolicy.Builder b = RouteAction.HashPolicy.newBuilder();
    ConsistentHash.Key key = hash.key();
    if (key instanceof ConsistentHash.Header h) {
      b.setHeader(RouteAction.HashPolicy.Header.newBuilder().setHeaderName(h.name()));
    } else if (key instanceof ConsistentHash.QueryParameter q) {
      b.setQueryParameter(RouteAction.HashPolicy.QueryParameter.newBuilder().setName(q.name()));
    } else if (key instanceof ConsistentHash.Cookie c) {
      RouteAction.HashPolicy.Cookie.Builder cookie = RouteAction.HashPolicy.Cookie.newBuilder().setName(c.name());
      if (!c.path().isEmpty()) {
        cookie.setPath(c.path());
      }
      if (c.ttlMillis() >= 0) {
        cookie.setTtl(Durations.fromMillis(c.ttlMillis()));
      }
      b.setCookie(cookie);
    } else {
      b.setConnectionProperties(RouteAction.HashPolicy.ConnectionProperties.newBuilder().setSourceIp(true));
    }
    return b.build();
  }
}
