package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.meshlog.schemas.XdsTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The properties gRPC clients insist on, checked on the parsed resources rather than only in golden text. */
class EnvoyShapeTest {
  @Test
  void grpcListenerUsesRdsOverAdsAndEndsWithRouter() throws Exception {
    MeshCompiler compiler = compile("demo");
    Listener listener = Listener.parseFrom(resource(compiler, "grpc", XdsTypes.LISTENER, "echo.demo.svc:8080"));
    HttpConnectionManager hcm = listener.getApiListener().getApiListener().unpack(HttpConnectionManager.class);
    assertEquals("echo.demo.svc:8080", hcm.getRds().getRouteConfigName());
    assertTrue(hcm.getRds().getConfigSource().hasAds());
    assertEquals(ApiVersion.V3, hcm.getRds().getConfigSource().getResourceApiVersion());
    assertEquals("envoy.filters.http.router", hcm.getHttpFilters(hcm.getHttpFiltersCount() - 1).getName());
  }

  @Test
  void clustersUseEdsOverAds() throws Exception {
    MeshCompiler compiler = compile("demo");
    Cluster cluster = Cluster.parseFrom(resource(compiler, "grpc", XdsTypes.CLUSTER, "outbound|8080|v1|echo.demo.svc"));
    assertEquals(Cluster.DiscoveryType.EDS, cluster.getType());
    assertTrue(cluster.getEdsClusterConfig().getEdsConfig().hasAds());
    assertEquals(cluster.getName(), cluster.getEdsClusterConfig().getServiceName());
  }

  @Test
  void everyLocalityIsWeightedAndEndpointsKeepTheirPorts() throws Exception {
    MeshCompiler compiler = compile("static-endpoints");
    ClusterLoadAssignment cla = ClusterLoadAssignment.parseFrom(
        resource(compiler, "grpc", XdsTypes.ENDPOINT, "outbound|7070||payments.ext.svc"));
    List<String> endpoints = new ArrayList<>();
    for (LocalityLbEndpoints locality : cla.getEndpointsList()) {
      assertTrue(locality.getLoadBalancingWeight().getValue() >= 1, locality.toString());
      for (LbEndpoint e : locality.getLbEndpointsList()) {
        assertTrue(e.getLoadBalancingWeight().getValue() >= 1);
        var address = e.getEndpoint().getAddress().getSocketAddress();
        endpoints.add(address.getAddress() + ":" + address.getPortValue());
      }
    }
    assertTrue(endpoints.containsAll(List.of("127.0.0.1:60001", "127.0.0.1:60002")), endpoints.toString());
    assertEquals(5, endpoints.size(), "unhealthy endpoint skipped: " + endpoints);
  }

  private static MeshCompiler compile(String golden) throws Exception {
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(GoldenCases.objects(golden));
    return compiler;
  }

  private static byte[] resource(MeshCompiler compiler, String proxyClass, String type, String name) {
    CompiledResource r = compiler.resources().get(new ResourceKey(proxyClass, type, name));
    assertTrue(r != null, "no " + proxyClass + " " + type + " " + name + " in " + compiler.resources().keySet());
    return r.bytes();
  }
}
