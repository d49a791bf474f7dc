package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;

/**
 * An HttpConnectionManager taking its routes over ADS: the fault filter (inert unless a route configures it,
 * as Istio does, so fault injection needs no listener change) then the router (gRPC rejects HCMs without it).
 */
final class HcmFactory {
  static final String FAULT_FILTER = "envoy.filters.http.fault";
  static final String ROUTER_FILTER = "envoy.filters.http.router";

  private HcmFactory() {}

  static HttpConnectionManager build(String statPrefix, String routeConfigName) {
    return HttpConnectionManager.newBuilder()
        .setStatPrefix(statPrefix)
        .setRds(Rds.newBuilder().setConfigSource(ConfigSources.ads()).setRouteConfigName(routeConfigName))
        .addHttpFilters(HttpFilter.newBuilder()
            .setName(FAULT_FILTER)
            .setTypedConfig(Protos.pack(HTTPFault.getDefaultInstance())))
        .addHttpFilters(HttpFilter.newBuilder()
            .setName(ROUTER_FILTER)
            .setTypedConfig(Protos.pack(Router.getDefaultInstance())))
        .build();
  }
}
