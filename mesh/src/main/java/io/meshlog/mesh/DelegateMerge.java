package io.meshlog.mesh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Istio's VirtualService delegation (pilot's mergeVirtualServicesIfNeeded), shared by the compiler and the
 * analyzer so both agree on what a delegate contributes. A root route with a {@link Delegate} is replaced, at
 * its position, by the delegate's HTTP routes, each with the root's matches conjoined with its own, its name
 * prefixed by the root route's, and the root's policy parts filling what it leaves unset. A delegate route whose
 * matches conflict with the root's (it could match requests the root does not send it) is dropped.
 */
public final class DelegateMerge {
  /**
   * @param routes the delegate's routes as merged, in order
   * @param dropped indices of the delegate's routes left out because their matches conflict with the root's
   */
  public record Result(List<HttpRoute> routes, List<Integer> dropped) {}

  private DelegateMerge() {}

  /** Merges {@code delegate}'s routes under {@code root}; its own delegating routes are ignored (one level). */
  public static Result merge(HttpRoute root, VirtualService delegate) {
    List<HttpRoute> out = new ArrayList<>();
    List<Integer> dropped = new ArrayList<>();
    for (int j = 0; j < delegate.http().size(); j++) {
      HttpRoute leaf = delegate.http().get(j);
      if (leaf.delegate() != null) {
        continue;
      }
      List<HttpMatch> matches = mergeMatches(root.matches(), leaf.matches());
      if (matches == null) {
        dropped.add(j);
        continue;
      }
      out.add(new HttpRoute(joinNames(root.name(), leaf.name()), matches, leaf.destinations(),
          inherit(root.policy(), leaf.policy()), null));
    }
    return new Result(out, dropped);
  }

  /** Each leaf match conjoined with every root match it does not conflict with; null when one fits none. */
  static List<HttpMatch> mergeMatches(List<HttpMatch> root, List<HttpMatch> leaf) {
    if (root.isEmpty()) {
      return leaf;
    }
    if (leaf.isEmpty()) {
      return root;
    }
    List<HttpMatch> out = new ArrayList<>();
    for (HttpMatch l : leaf) {
      boolean found = false;
      for (HttpMatch r : root) {
        if (!conflicts(r, l)) {
          out.add(conjoin(r, l));
          found = true;
        }
      }
      if (!found) {
        return null;
      }
    }
    return out;
  }

  private static HttpMatch conjoin(HttpMatch root, HttpMatch leaf) {
    return HttpMatch.builder()
        .name(joinNames(root.name(), leaf.name()))
        .uri(leaf.uri() != null ? leaf.uri() : root.uri())
        .method(leaf.method() != null ? leaf.method() : root.method())
        .authority(leaf.authority() != null ? leaf.authority() : root.authority())
        .scheme(leaf.scheme() != null ? leaf.scheme() : root.scheme())
        .headers(union(root.headers(), leaf.headers()))
        .withoutHeaders(union(root.withoutHeaders(), leaf.withoutHeaders()))
        .queryParams(union(root.queryParams(), leaf.queryParams()))
        .ignoreUriCase(leaf.ignoreUriCase())
        .port(leaf.port() != 0 ? leaf.port() : root.port())
        .gateways(!leaf.gateways().isEmpty() ? leaf.gateways() : root.gateways())
        // As istiod's mergeHTTPMatchRequest: the root's source labels on top of the leaf's, its namespace if the
        // leaf has none (conflicting ones were refused by conflicts()).
        .sourceLabels(unionLabels(leaf.sourceLabels(), root.sourceLabels()))
        .sourceNamespace(!leaf.sourceNamespace().isEmpty() ? leaf.sourceNamespace() : root.sourceNamespace())
        .statPrefix(!leaf.statPrefix().isEmpty() ? leaf.statPrefix() : root.statPrefix())
        .build();
  }

  private static Map<String, String> unionLabels(Map<String, String> leaf, Map<String, String> root) {
    Map<String, String> out = new LinkedHashMap<>(leaf);
    out.putAll(root);
    return out;
  }

  /** The root's entries, then the leaf's, the leaf winning on the same name (Istio copies root, then leaf). */
  private static Map<String, StringMatch> union(Map<String, StringMatch> root, Map<String, StringMatch> leaf) {
    Map<String, StringMatch> out = new LinkedHashMap<>(root);
    out.putAll(leaf);
    return out;
  }

  /** Istio's hasConflict: the leaf must not widen what the root matches. */
  static boolean conflicts(HttpMatch root, HttpMatch leaf) {
    if (root.port() != 0 && leaf.port() != 0 && root.port() != leaf.port()) {
      return true;
    }
    List<Function<HttpMatch, StringMatch>> values =
        List.of(HttpMatch::uri, HttpMatch::scheme, HttpMatch::method, HttpMatch::authority);
    for (Function<HttpMatch, StringMatch> v : values) {
      if (conflicts(v.apply(root), v.apply(leaf))) {
        return true;
      }
    }
    for (var e : leaf.headers().entrySet()) {
      if (conflicts(root.headers().get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    for (var e : leaf.withoutHeaders().entrySet()) {
      if (conflicts(root.withoutHeaders().get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    for (var e : leaf.queryParams().entrySet()) {
      if (conflicts(root.queryParams().get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    if (!root.sourceNamespace().isEmpty() && !leaf.sourceNamespace().isEmpty()
        && !root.sourceNamespace().equals(leaf.sourceNamespace())) {
      return true;
    }
    for (var e : leaf.sourceLabels().entrySet()) {
      String r = root.sourceLabels().get(e.getKey());
      if (r != null && !r.equals(e.getValue())) {
        return true;
      }
    }
    return root.ignoreUriCase() != leaf.ignoreUriCase();
  }

  /** Istio's stringMatchConflict; a presence match sets none of exact, prefix, regex. */
  private static boolean conflicts(StringMatch root, StringMatch leaf) {
    if (root == null || leaf == null) {
      return false;
    }
    String rExact = part(root, StringMatch.Type.EXACT);
    String rPrefix = part(root, StringMatch.Type.PREFIX);
    String rRegex = part(root, StringMatch.Type.REGEX);
    String lExact = part(leaf, StringMatch.Type.EXACT);
    String lPrefix = part(leaf, StringMatch.Type.PREFIX);
    String lRegex = part(leaf, StringMatch.Type.REGEX);
    if (!rRegex.isEmpty() && (!lRegex.isEmpty() || !lPrefix.isEmpty() || !lExact.isEmpty())) {
      return true;
    }
    if (!lRegex.isEmpty() && (!rRegex.isEmpty() || !rPrefix.isEmpty() || !rExact.isEmpty())) {
      return true;
    }
    if (!rExact.isEmpty() && (!lPrefix.isEmpty() || !lExact.equals(rExact))) {
      return true;
    }
    if (!rPrefix.isEmpty()) {
      return (!lPrefix.isEmpty() && !lPrefix.startsWith(rPrefix)) || (!lExact.isEmpty() && !lExact.startsWith(rPrefix));
    }
    return false;
  }

  private static String part(StringMatch m, StringMatch.Type type) {
    return m.type() == type ? m.value() : "";
  }

  private static String joinNames(String root, String leaf) {
    String r = root == null ? "" : root;
    String l = leaf == null ? "" : leaf;
    if (l.isEmpty()) {
      return r;
    }
    return r.isEmpty() ? l : r + "-" + l;
  }

  /** The leaf's policy, with the root's parts where the leaf sets none (Istio's mergeHTTPRoute). */
  private static RoutePolicy inherit(RoutePolicy root, RoutePolicy leaf) {
    boolean leafHeaders =
        !leaf.requestHeaders().equals(HeaderOps.NONE) || !leaf.responseHeaders().equals(HeaderOps.NONE);
    return RoutePolicy.builder()
        .timeoutMillis(leaf.timeoutMillis() != 0 ? leaf.timeoutMillis() : root.timeoutMillis())
        .retries(leaf.retries() != null ? leaf.retries() : root.retries())
        .fault(leaf.fault() != null ? leaf.fault() : root.fault())
        .requestHeaders(leafHeaders ? leaf.requestHeaders() : root.requestHeaders())
        .responseHeaders(leafHeaders ? leaf.responseHeaders() : root.responseHeaders())
        .rewrite(leaf.rewrite() != null ? leaf.rewrite() : root.rewrite())
        .mirrors(!leaf.mirrors().isEmpty() ? leaf.mirrors() : root.mirrors())
        .cors(leaf.cors() != null ? leaf.cors() : root.cors())
        .redirect(leaf.redirect())
        .directResponse(leaf.directResponse())
        .build();
  }
}
