package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.mesh.Sidecar;
import io.meshlog.schemas.XdsTypes;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A Sidecar's {@code outboundTrafficPolicy.mode} in the sidecar shape, as Istio writes it into its per-port
 * HTTP route configurations: a catch-all virtual host (domains {@code *}, which Envoy picks only when no service
 * host matches) named {@code allow_any}, forwarding to {@code PassthroughCluster} (the original destination),
 * or {@code block_all}, answering 502 itself. Proxyless gRPC has no catch-all: its listeners are named by target.
 */
final class OutboundPolicyResources {
  static final String PASSTHROUGH_CLUSTER = "PassthroughCluster";

  private OutboundPolicyResources() {}

  /** The serialized catch-all virtual host appended to each per-port route configuration; none if unset. */
  static Optional<byte[]> virtualHost(Sidecar.OutboundPolicy policy) {
    RouteMatch all = RouteMatch.newBuilder().setPrefix("/").build();
    return switch (policy) {
      case UNSET -> Optional.empty();
      case ALLOW_ANY -> Optional.of(Protos.deterministicBytes(VirtualHost.newBuilder()
          .setName("allow_any")
          .addDomains("*")
          .addRoutes(Route.newBuilder().setName("allow_any").setMatch(all)
              .setRoute(RouteAction.newBuilder().setCluster(PASSTHROUGH_CLUSTER)))
          .build()));
      case REGISTRY_ONLY -> Optional.of(Protos.deterministicBytes(VirtualHost.newBuilder()
          .setName("block_all")
          .addDomains("*")
          .addRoutes(Route.newBuilder().setName("block_all").setMatch(all)
              .setDirectResponse(DirectResponseAction.newBuilder().setStatus(502)))
          .build()));
    };
  }

  /** The cluster {@code allow_any} forwards to (ALLOW_ANY only), in the scope's sidecar class. */
  static void addTo(SortedMap<ResourceKey, CompiledResource> out, Sidecar.OutboundPolicy policy, String sidecarClass) {
    if (policy == Sidecar.OutboundPolicy.ALLOW_ANY) {
      Cluster passthrough = Cluster.newBuilder()
          .setName(PASSTHROUGH_CLUSTER)
          .setType(Cluster.DiscoveryType.ORIGINAL_DST)
          .setLbPolicy(Cluster.LbPolicy.CLUSTER_PROVIDED)
          .setConnectTimeout(ClusterFactory.CONNECT_TIMEOUT)
          .build();
      ClusterResources.put(out, new ResourceKey(sidecarClass, XdsTypes.CLUSTER, PASSTHROUGH_CLUSTER), passthrough);
    }
  }
}
