package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatchAndSubstitute;
import io.meshlog.mesh.Rewrite;

/** A route's rewrite: path prefix or regex, and the authority (Envoy applies it; gRPC ignores it). */
final class RewriteFactory {
  private RewriteFactory() {}

  static void apply(Rewrite r, RouteAction.Builder action) {
    if (!r.uriPrefix().isEmpty()) {
      action.setPrefixRewrite(r.uriPrefix());
    }
    if (!r.uriRegex().isEmpty()) {
      action.setRegexRewrite(RegexMatchAndSubstitute.newBuilder()
          .setPattern(MatchFactory.regex(r.uriRegex()))
          .setSubstitution(r.uriRegexSubstitution()));
    }
    if (!r.authority().isEmpty()) {
      action.setHostRewriteLiteral(r.authority());
    }
  }
}
