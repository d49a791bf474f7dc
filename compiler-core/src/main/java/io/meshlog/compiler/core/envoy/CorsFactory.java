package io.meshlog.compiler.core.envoy;

import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.meshlog.mesh.StringMatch;

/** A route's CORS policy as the per-route config of the CORS filter (sidecar HCMs carry that filter). */
final class CorsFactory {
  private CorsFactory() {}

  static CorsPolicy build(io.meshlog.mesh.CorsPolicy cors) {
    CorsPolicy.Builder b = CorsPolicy.newBuilder();
    for (StringMatch origin : cors.allowOrigins()) {
      b.addAllowOriginStringMatch(MatchFactory.stringMatcher(origin));
    }
    if (!cors.allowMethods().isEmpty()) {
      b.setAllowMethods(String.join(",", cors.allowMethods()));
    }
    if (!cors.allowHeaders().isEmpty()) {
      b.setAllowHeaders(String.join(",", cors.allowHeaders()));
    }
    if (!cors.exposeHeaders().isEmpty()) {
      b.setExposeHeaders(String.join(",", cors.exposeHeaders()));
    }
    if (cors.maxAgeSeconds() >= 0) {
      b.setMaxAge(Long.toString(cors.maxAgeSeconds()));
    }
    if (cors.allowCredentials() != null) {
      b.setAllowCredentials(BoolValue.of(cors.allowCredentials()));
    }
    if (cors.forwardUnmatchedPreflights() != null) {
      b.setForwardNotMatchingPreflights(BoolValue.of(cors.forwardUnmatchedPreflights()));
    }
    return b.build();
  }
}
