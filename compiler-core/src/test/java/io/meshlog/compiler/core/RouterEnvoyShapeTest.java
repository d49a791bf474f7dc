package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.XdsTypes;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Envoy requires of a router's config, checked on the protos of every gateway class of every gateway golden
 * case (no Envoy binary is available here to load them): listeners have chains, no two with the same match, the
 * TLS inspector wherever a chain matches SNI; a terminating chain has a certificate and, when it requires client
 * certificates, a validation context; ALPN h2 only in front of an HTTP connection manager; sni_cluster before
 * tcp_proxy; every RDS name, every cluster a route or tcp_proxy names and every EDS service name exists in the
 * class; SNI-DNAT clusters originate no TLS.
 */
class RouterEnvoyShapeTest {
  static Stream<String> cases() throws Exception {
    return IstioGoldenTest.cases().filter(c -> c.startsWith("gateway-"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyGatewayClassIsWhatEnvoyAccepts(String name) throws Exception {
    List<IstioObject> objects = IstioYaml.parse(
        Files.readString(IstioGoldenTest.DIR.resolve(name + ".in.yaml")), name, "default");
    MeshCompiler compiler = new MeshCompiler();
    for (IstioObject o : objects) {
      compiler.upsert(IstioAdapter.toModel(o, "yaml", "local"));
    }
    Map<String, Map<String, Map<String, byte[]>>> byClass = new TreeMap<>();
    compiler.resources().forEach((k, r) -> byClass.computeIfAbsent(k.proxyClass(), c -> new TreeMap<>())
        .computeIfAbsent(k.typeUrl(), t -> new TreeMap<>()).put(k.name(), r.bytes()));
    int checked = 0;
    for (Map.Entry<String, Map<String, Map<String, byte[]>>> c : byClass.entrySet()) {
      if (ProxyClasses.shape(c.getKey()).equals(ProxyClasses.GATEWAY)) {
        check(c.getKey(), c.getValue());
        checked++;
      }
    }
    assertTrue(checked > 0, "the case compiles to some gateway class");
  }

  private static void check(String proxyClass, Map<String, Map<String, byte[]>> resources) throws Exception {
    Map<String, Cluster> clusters = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : resources.getOrDefault(XdsTypes.CLUSTER, Map.of()).entrySet()) {
      clusters.put(e.getKey(), Cluster.parseFrom(e.getValue()));
    }
    Set<String> assignments = resources.getOrDefault(XdsTypes.ENDPOINT, Map.of()).keySet();
    Set<String> routeNames = resources.getOrDefault(XdsTypes.ROUTE, Map.of()).keySet();
    for (Cluster c : clusters.values()) {
      if (c.getType() == Cluster.DiscoveryType.EDS) {
        assertTrue(assignments.contains(c.getEdsClusterConfig().getServiceName()),
            proxyClass + ": EDS cluster " + c.getName() + " has no endpoints resource");
      }
      if (c.getName().startsWith("outbound_.")) {
        assertFalse(c.hasTransportSocket(), proxyClass + ": SNI-DNAT cluster " + c.getName() + " opens TLS");
      }
    }
    for (byte[] bytes : resources.getOrDefault(XdsTypes.LISTENER, Map.of()).values()) {
      Listener l = Listener.parseFrom(bytes);
      String where = proxyClass + " " + l.getName();
      assertFalse(l.getFilterChainsList().isEmpty(), where + ": a listener without filter chains");
      assertEquals(l.getFilterChainsCount(),
          new HashSet<>(l.getFilterChainsList().stream().map(FilterChain::getFilterChainMatch).toList()).size(),
          where + ": two chains with the same match");
      boolean sni = l.getFilterChainsList().stream().anyMatch(fc -> fc.getFilterChainMatch().getServerNamesCount() > 0);
      boolean inspector = l.getListenerFiltersList().stream()
          .anyMatch(f -> f.getName().equals("envoy.filters.listener.tls_inspector"));
      assertTrue(!sni || inspector, where + ": chains match SNI without the TLS inspector");
      for (FilterChain fc : l.getFilterChainsList()) {
        chain(where, fc, clusters.keySet(), routeNames);
      }
    }
    for (byte[] bytes : resources.getOrDefault(XdsTypes.ROUTE, Map.of()).values()) {
      RouteConfiguration rc = RouteConfiguration.parseFrom(bytes);
      for (VirtualHost vh : rc.getVirtualHostsList()) {
        for (Route r : vh.getRoutesList()) {
          if (r.getRoute().hasWeightedClusters()) {
            for (WeightedCluster.ClusterWeight w : r.getRoute().getWeightedClusters().getClustersList()) {
              assertTrue(clusters.containsKey(w.getName()), proxyClass + " " + rc.getName() + ": no cluster " + w.getName());
            }
          } else if (!r.getRoute().getCluster().isEmpty()) {
            assertTrue(clusters.containsKey(r.getRoute().getCluster()),
                proxyClass + " " + rc.getName() + ": no cluster " + r.getRoute().getCluster());
          }
        }
      }
    }
  }

  private static void chain(String where, FilterChain fc, Set<String> clusters, Set<String> routeNames)
      throws InvalidProtocolBufferException {
    List<String> filters = fc.getFiltersList().stream().map(Filter::getName).toList();
    boolean http = filters.contains("envoy.filters.network.http_connection_manager");
    assertTrue(http ^ filters.contains("envoy.filters.network.tcp_proxy"), where + ": one terminal filter " + filters);
    assertEquals(filters.get(filters.size() - 1), http ? "envoy.filters.network.http_connection_manager"
        : "envoy.filters.network.tcp_proxy", where + ": the terminal filter is last");
    if (fc.hasTransportSocket()) {
      DownstreamTlsContext tls = fc.getTransportSocket().getTypedConfig().unpack(DownstreamTlsContext.class);
      CommonTlsContext common = tls.getCommonTlsContext();
      assertTrue(common.getTlsCertificatesCount() + common.getTlsCertificateSdsSecretConfigsCount() > 0,
          where + ": a terminating chain without a certificate");
      if (tls.getRequireClientCertificate().getValue()) {
        assertTrue(common.hasValidationContext() || common.hasCombinedValidationContext()
            || common.hasValidationContextSdsSecretConfig(), where + ": client certificates required, none trusted");
      }
      assertEquals(http ? List.of("h2", "http/1.1") : List.of(), common.getAlpnProtocolsList(),
          where + ": ALPN h2 only before an HTTP connection manager");
    }
    for (Filter f : fc.getFiltersList()) {
      Any config = f.getTypedConfig();
      if (f.getName().equals("envoy.filters.network.http_connection_manager")) {
        String rds = config.unpack(HttpConnectionManager.class).getRds().getRouteConfigName();
        assertTrue(routeNames.contains(rds), where + ": no route configuration " + rds);
      } else if (f.getName().equals("envoy.filters.network.tcp_proxy")) {
        TcpProxy p = config.unpack(TcpProxy.class);
        List<String> named = p.hasWeightedClusters()
            ? p.getWeightedClusters().getClustersList().stream().map(TcpProxy.WeightedCluster.ClusterWeight::getName).toList()
            : List.of(p.getCluster());
        named.forEach(n -> assertTrue(clusters.contains(n), where + ": tcp_proxy names no cluster of the class: " + n));
      }
    }
    if (filters.contains("envoy.filters.network.sni_cluster")) {
      assertEquals(List.of("envoy.filters.network.sni_cluster", "envoy.filters.network.tcp_proxy"), filters,
          where + ": sni_cluster must come right before tcp_proxy");
    }
  }
}
