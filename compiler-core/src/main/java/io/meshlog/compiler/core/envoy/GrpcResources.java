package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.XdsTypes;
import java.util.SortedMap;

/**
 * Proxyless gRPC: per service port an API listener {@code host:port} (what {@code xds:///host:port} asks for)
 * and a route configuration of the same name with one virtual host.
 */
final class GrpcResources {
  private static final String CLASS = ProxyClasses.GRPC;

  private GrpcResources() {}

  static void addTo(SortedMap<ResourceKey, CompiledResource> out, ServicePortIr ir) {
    String name = ir.key().authority();
    ClusterResources.addTo(out, ir, CLASS);
    Listener listener = Listener.newBuilder()
        .setName(name)
        .setApiListener(ApiListener.newBuilder().setApiListener(Protos.pack(HcmFactory.grpc(name, name))))
        .build();
    ClusterResources.put(out, new ResourceKey(CLASS, XdsTypes.LISTENER, name), listener);
    RouteConfiguration routes =
        RouteConfiguration.newBuilder().setName(name).addVirtualHosts(RouteFactory.virtualHost(ir, CLASS)).build();
    ClusterResources.put(out, new ResourceKey(CLASS, XdsTypes.ROUTE, name), routes);
  }
}
