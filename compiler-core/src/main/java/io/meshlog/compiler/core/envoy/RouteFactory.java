package io.meshlog.compiler.core.envoy;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.meshlog.compiler.core.ir.ClusterWeight;
import io.meshlog.compiler.core.ir.RouteIr;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.mesh.RoutePolicy;
import io.meshlog.schemas.ProxyClasses;

/**
 * RDS pieces: the virtual host of one service port and its routes, for one proxy class. The classes differ
 * only where gRPC would NACK what Envoy needs: routes that answer by themselves, and CORS (no gRPC filter).
 */
final class RouteFactory {
  /** Envoy's default 15 s route timeout would cut long gRPC streams; Istio disables it the same way. */
  private static final Duration NO_TIMEOUT = Duration.getDefaultInstance();

  private RouteFactory() {}

  /** The sidecar virtual host. */
  static VirtualHost virtualHost(ServicePortIr ir) {
    return virtualHost(ir, ProxyClasses.SIDECAR);
  }

  /** Named {@code host:port}, answering to the host with and without the port. */
  static VirtualHost virtualHost(ServicePortIr ir, String proxyClass) {
    VirtualHost.Builder b = VirtualHost.newBuilder()
        .setName(ir.key().authority())
        .addDomains(ir.key().host())
        .addDomains(ir.key().authority());
    for (RouteIr route : ir.routes()) {
      b.addRoutes(route(route, ProxyClasses.GRPC.equals(proxyClass)));
    }
    return b.build();
  }

  static Route route(RouteIr ir, boolean grpc) {
    Route.Builder b = Route.newBuilder().setName(ir.name()).setMatch(MatchFactory.build(ir.match()));
    RoutePolicy policy = ir.policy();
    if (policy.answersItself() && !grpc) {
      ResponseActionFactory.sidecar(policy, b);
    } else {
      b.setRoute(action(ir, grpc));
    }
    if (policy.answersItself() && grpc) {
      b.putTypedPerFilterConfig(HcmFactory.FAULT_FILTER, Protos.pack(ResponseActionFactory.grpcAbort(policy)));
    } else if (policy.fault() != null) {
      b.putTypedPerFilterConfig(HcmFactory.FAULT_FILTER, Protos.pack(FaultFactory.build(policy.fault())));
    }
    if (!grpc && ir.match() != null && !ir.match().statPrefix().isEmpty()) {
      b.setStatPrefix(ir.match().statPrefix()); // grpc-java keeps no per-route statistics
    }
    if (policy.cors() != null && !grpc) {
      b.putTypedPerFilterConfig(HcmFactory.CORS_FILTER, Protos.pack(CorsFactory.build(policy.cors())));
    }
    HeaderOpsFactory.apply(policy.requestHeaders(), b);
    HeaderOpsFactory.applyResponse(policy.responseHeaders(), b);
    if (ir.targets().size() == 1 && !policy.answersItself()) {
      // No weighted list to carry them: a single destination's edits go on the route, after the route's own.
      HeaderOpsFactory.applyDestination(ir.targets().get(0).headers(), b);
    }
    return b.build();
  }

  private static RouteAction action(RouteIr ir, boolean grpc) {
    RouteAction.Builder b = RouteAction.newBuilder().setTimeout(NO_TIMEOUT);
    long timeout = ir.policy().timeoutMillis();
    if (timeout > 0) {
      // Envoy enforces `timeout`; gRPC ignores it and reads max_stream_duration (gRFC A31).
      Duration d = FaultFactory.millis(timeout);
      b.setTimeout(d).setMaxStreamDuration(RouteAction.MaxStreamDuration.newBuilder()
          .setMaxStreamDuration(d)
          .setGrpcTimeoutHeaderMax(d));
    }
    RetryPolicy retry = RetryFactory.build(ir.policy().retries(), grpc, ir.hash() != null);
    if (retry != null) {
      b.setRetryPolicy(retry);
    }
    if (ir.hash() != null) {
      b.addHashPolicy(HashPolicyFactory.build(ir.hash()));
    }
    if (ir.policy().rewrite() != null) {
      RewriteFactory.apply(ir.policy().rewrite(), b);
    }
    MirrorFactory.apply(ir.mirrors(), b);
    if (ir.targets().size() == 1) {
      return b.setCluster(ir.targets().get(0).cluster()).build();
    }
    WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
    for (ClusterWeight t : ir.targets()) {
      WeightedCluster.ClusterWeight.Builder c = WeightedCluster.ClusterWeight.newBuilder()
          .setName(t.cluster())
          .setWeight(UInt32Value.of(t.weight()));
      HeaderOpsFactory.applyDestination(t.headers(), c);
      weighted.addClusters(c);
    }
    return b.setWeightedClusters(weighted).build();
  }
}
