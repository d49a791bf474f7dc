package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.meshlog.mesh.HeaderOps;
import java.util.Map;
import java.util.TreeMap;

/** Request header edits on a route (Envoy applies them; gRPC ignores them). Sorted by name. */
final class HeaderOpsFactory {
  private HeaderOpsFactory() {}

  static void apply(HeaderOps ops, Route.Builder route) {
    add(route, ops.set(), HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD);
    add(route, ops.add(), HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD);
    ops.remove().stream().sorted().forEach(route::addRequestHeadersToRemove);
  }

  private static void add(Route.Builder route, Map<String, String> headers, HeaderValueOption.HeaderAppendAction a) {
    for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
      route.addRequestHeadersToAdd(HeaderValueOption.newBuilder()
          .setHeader(HeaderValue.newBuilder().setKey(h.getKey()).setValue(h.getValue()))
          .setAppendAction(a));
    }
  }
}
