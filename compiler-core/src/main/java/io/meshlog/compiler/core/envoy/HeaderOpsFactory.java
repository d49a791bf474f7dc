package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.meshlog.mesh.DestinationHeaders;
import io.meshlog.mesh.HeaderOps;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Header edits on a route or on one weighted cluster (Envoy applies them; gRPC ignores them). Sorted by name,
 * set before add.
 */
final class HeaderOpsFactory {
  private HeaderOpsFactory() {}

  /** The route's own request edits (kept as the only entry point for callers that edit nothing else). */
  static void apply(HeaderOps ops, Route.Builder route) {
    apply(ops, route::addRequestHeadersToAdd, route::addRequestHeadersToRemove);
  }

  static void applyResponse(HeaderOps ops, Route.Builder route) {
    apply(ops, route::addResponseHeadersToAdd, route::addResponseHeadersToRemove);
  }

  /** A destination's edits on the route itself: used when the route has one cluster and no weighted list. */
  static void applyDestination(DestinationHeaders h, Route.Builder route) {
    apply(h.request(), route::addRequestHeadersToAdd, route::addRequestHeadersToRemove);
    apply(h.response(), route::addResponseHeadersToAdd, route::addResponseHeadersToRemove);
  }

  static void applyDestination(DestinationHeaders h, WeightedCluster.ClusterWeight.Builder c) {
    apply(h.request(), c::addRequestHeadersToAdd, c::addRequestHeadersToRemove);
    apply(h.response(), c::addResponseHeadersToAdd, c::addResponseHeadersToRemove);
  }

  private static void apply(HeaderOps ops, Consumer<HeaderValueOption> add, Consumer<String> remove) {
    add(add, ops.set(), HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD);
    add(add, ops.add(), HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD);
    ops.remove().stream().sorted().forEach(remove);
  }

  private static void add(
      Consumer<HeaderValueOption> sink, Map<String, String> headers, HeaderValueOption.HeaderAppendAction a) {
    for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
      sink.accept(HeaderValueOption.newBuilder()
          .setHeader(HeaderValue.newBuilder().setKey(h.getKey()).setValue(h.getValue()))
          .setAppendAction(a)
          .build());
    }
  }
}
