package io.meshlog.compiler.core.envoy;

import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.StringMatch;
import java.util.Map;
import java.util.TreeMap;

/**
 * A route's match: path (case-insensitive on request), then header matchers (pseudo-headers :authority,
 * :method, :scheme first, as Istio writes them; then headers and inverted withoutHeaders, each sorted by name),
 * then query parameters sorted by name.
 */
final class MatchFactory {
  private MatchFactory() {}

  static RouteMatch build(HttpMatch match) {
    RouteMatch.Builder b = RouteMatch.newBuilder();
    StringMatch uri = match == null ? null : match.uri();
    if (uri == null) {
      b.setPrefix("/");
    } else {
      switch (uri.type()) {
        case EXACT -> b.setPath(uri.value());
        case PREFIX -> b.setPrefix(uri.value());
        case REGEX -> b.setSafeRegex(regex(uri.value()));
        case PRESENT -> b.setPrefix("/"); // rejected by validation; any path is present
      }
    }
    if (match == null) {
      return b.build();
    }
    if (match.ignoreUriCase()) {
      b.setCaseSensitive(BoolValue.of(false));
    }
    pseudo(b, ":authority", match.authority());
    pseudo(b, ":method", match.method());
    pseudo(b, ":scheme", match.scheme());
    // Map order is arbitrary; sort by name.
    for (Map.Entry<String, StringMatch> h : new TreeMap<>(match.headers()).entrySet()) {
      b.addHeaders(header(h.getKey(), h.getValue()).build());
    }
    for (Map.Entry<String, StringMatch> h : new TreeMap<>(match.withoutHeaders()).entrySet()) {
      b.addHeaders(header(h.getKey(), h.getValue()).setInvertMatch(true).build());
    }
    for (Map.Entry<String, StringMatch> q : new TreeMap<>(match.queryParams()).entrySet()) {
      QueryParameterMatcher.Builder m = QueryParameterMatcher.newBuilder().setName(q.getKey());
      if (q.getValue().type() == StringMatch.Type.PRESENT) {
        m.setPresentMatch(true);
      } else {
        m.setStringMatch(stringMatcher(q.getValue()));
      }
      b.addQueryParameters(m);
    }
    return b.build();
  }

  private static void pseudo(RouteMatch.Builder b, String name, StringMatch m) {
    if (m != null) {
      b.addHeaders(header(name, m).build());
    }
  }

  private static HeaderMatcher.Builder header(String name, StringMatch m) {
    HeaderMatcher.Builder b = HeaderMatcher.newBuilder().setName(name);
    return m.type() == StringMatch.Type.PRESENT ? b.setPresentMatch(true) : b.setStringMatch(stringMatcher(m));
  }

  static StringMatcher stringMatcher(StringMatch m) {
    StringMatcher.Builder b = StringMatcher.newBuilder();
    switch (m.type()) {
      case EXACT -> b.setExact(m.value());
      case PREFIX -> b.setPrefix(m.value());
      case REGEX -> b.setSafeRegex(regex(m.value()));
      case PRESENT -> throw new IllegalArgumentException("presence is not a string match");
    }
    return b.build();
  }

  @SuppressWarnings("deprecation") // google_re2 is deprecated but still what older Envoys and gRPC expect
  static RegexMatcher regex(String pattern) {
    return RegexMatcher.newBuilder()
        .setGoogleRe2(RegexMatcher.GoogleRE2.getDefaultInstance())
        .setRegex(pattern)
        .build();
  }
}
