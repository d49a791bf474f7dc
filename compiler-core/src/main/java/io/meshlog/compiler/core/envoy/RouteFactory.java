package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshlog.compiler.core.ir.ClusterWeight;
import io.meshlog.compiler.core.ir.RouteIr;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.RoutePolicy;
import io.meshlog.mesh.StringMatch;
import java.util.Map;
import java.util.TreeMap;

/** RDS pieces: the virtual host of one service port and its routes. */
final class RouteFactory {
  /** Envoy's default 15 s route timeout would cut long gRPC streams; Istio disables it the same way. */
  private static final Duration NO_TIMEOUT = Duration.getDefaultInstance();

  private RouteFactory() {}

  /** Named {@code host:port}, answering to the host with and without the port. */
  static VirtualHost virtualHost(ServicePortIr ir) {
    VirtualHost.Builder b = VirtualHost.newBuilder()
        .setName(ir.key().authority())
        .addDomains(ir.key().host())
        .addDomains(ir.key().authority());
    for (RouteIr route : ir.routes()) {
      b.addRoutes(route(route));
    }
    return b.build();
  }

  static Route route(RouteIr ir) {
    Route.Builder b = Route.newBuilder().setName(ir.name()).setMatch(match(ir.match())).setRoute(action(ir));
    RoutePolicy policy = ir.policy();
    if (policy.fault() != null) {
      b.putTypedPerFilterConfig(HcmFactory.FAULT_FILTER, Protos.pack(FaultFactory.build(policy.fault())));
    }
    HeaderOpsFactory.apply(policy.requestHeaders(), b);
    return b.build();
  }

  private static RouteMatch match(HttpMatch match) {
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
    if (match != null) {
      // Header map order is arbitrary; sort by name.
      for (Map.Entry<String, StringMatch> h : new TreeMap<>(match.headers()).entrySet()) {
        b.addHeaders(header(h.getKey(), h.getValue()).build());
      }
      for (Map.Entry<String, StringMatch> h : new TreeMap<>(match.withoutHeaders()).entrySet()) {
        b.addHeaders(header(h.getKey(), h.getValue()).setInvertMatch(true).build());
      }
    }
    return b.build();
  }

  private static HeaderMatcher.Builder header(String name, StringMatch m) {
    HeaderMatcher.Builder b = HeaderMatcher.newBuilder().setName(name);
    return m.type() == StringMatch.Type.PRESENT ? b.setPresentMatch(true) : b.setStringMatch(stringMatcher(m));
  }

  private static StringMatcher stringMatcher(StringMatch m) {
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
  private static RegexMatcher regex(String pattern) {
    return RegexMatcher.newBuilder()
        .setGoogleRe2(RegexMatcher.GoogleRE2.getDefaultInstance())
        .setRegex(pattern)
        .build();
  }

  private static RouteAction action(RouteIr ir) {
    RouteAction.Builder b = RouteAction.newBuilder().setTimeout(NO_TIMEOUT);
    long timeout = ir.policy().timeoutMillis();
    if (timeout > 0) {
      // Envoy enforces `timeout`; gRPC ignores it and reads max_stream_duration (gRFC A31).
      Duration d = FaultFactory.millis(timeout);
      b.setTimeout(d).setMaxStreamDuration(RouteAction.MaxStreamDuration.newBuilder()
          .setMaxStreamDuration(d)
          .setGrpcTimeoutHeaderMax(d));
    }
    if (ir.policy().retries() != null) {
      RetryPolicy retry = RetryFactory.build(ir.policy().retries());
      if (retry != null) {
        b.setRetryPolicy(retry);
      }
    }
    if (ir.hash() != null) {
      b.addHashPolicy(HashPolicyFactory.build(ir.hash()));
    }
    if (ir.targets().size() == 1) {
      return b.setCluster(ir.targets().get(0).cluster()).build();
    }
    WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
    for (ClusterWeight t : ir.targets()) {
      weighted.addClusters(WeightedCluster.ClusterWeight.newBuilder()
          .setName(t.cluster())
          .setWeight(UInt32Value.of(t.weight())));
    }
    return b.setWeightedClusters(weighted).build();
  }
}
