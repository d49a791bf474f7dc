package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;

/**
 * An HttpConnectionManager taking its routes over ADS. Sidecars: CORS, fault, router, as Istio orders them (CORS
 * and fault are inert unless a route configures them, so neither feature needs a listener change). gRPC: fault
 * and router only; grpc-java NACKs an HCM with a filter it does not implement, such as CORS, and rejects one
 * without the router.
 */
final class HcmFactory {
  static final String CORS_FILTER = "envoy.filters.http.cors";
  static final String FAULT_FILTER = "envoy.filters.http.fault";
  static final String ROUTER_FILTER = "envoy.filters.http.router";

  private HcmFactory() {}

  /** The sidecar HCM. */
  static HttpConnectionManager build(String statPrefix, String routeConfigName) {
    return base(statPrefix, routeConfigName)
        .addHttpFilters(filter(CORS_FILTER, Protos.pack(Cors.getDefaultInstance())))
        .addHttpFilters(filter(FAULT_FILTER, Protos.pack(HTTPFault.getDefaultInstance())))
        .addHttpFilters(filter(ROUTER_FILTER, Protos.pack(Router.getDefaultInstance())))
        .build();
  }

  static HttpConnectionManager grpc(String statPrefix, String routeConfigName) {
    return base(statPrefix, routeConfigName)
        .addHttpFilters(filter(FAULT_FILTER, Protos.pack(HTTPFault.getDefaultInstance())))
        .addHttpFilters(filter(ROUTER_FILTER, Protos.pack(Router.getDefaultInstance())))
        .build();
  }

  private static HttpConnectionManager.Builder base(String statPrefix, String routeConfigName) {
    return HttpConnectionManager.newBuilder()
        .setStatPrefix(statPrefix)
        .setRds(Rds.newBuilder().setConfigSource(ConfigSources.ads()).setRouteConfigName(routeConfigName));
  }

  private static HttpFilter filter(String name, com.google.protobuf.Any config) {
    return HttpFilter.newBuilder().setName(name).setTypedConfig(config).build();
  }
}
