package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.schemas.XdsTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Gateway and a VirtualService bound to it, applied through the whole pipeline (apply → ingest → Kafka →
 * compiler → gateway): a raw ADS client speaking as an Envoy router (node id router~..., LABELS
 * istio=ingressgateway) is served the Gateway's listener, route and the routed service's cluster; one speaking as
 * a sidecar with the same labels is not, and its route for the service does not carry the Gateway-only rule.
 */
class GatewayEndToEndTest {
  @TempDir static Path dir;
  static Stack stack;

  @BeforeAll
  static void startStack() {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static Node node(String id) {
    Struct labels = Struct.newBuilder()
        .putFields("istio", Value.newBuilder().setStringValue("ingressgateway").build()).build();
    return Node.newBuilder().setId(id).setMetadata(Struct.newBuilder()
        .putFields("NAMESPACE", Value.newBuilder().setStringValue("istio-system").build())
        .putFields("LABELS", Value.newBuilder().setStructValue(labels).build())).build();
  }

  private static Set<String> names(SortedMap<ResourceKey, CompiledResource> held, String type) {
    return held.keySet().stream().filter(k -> k.typeUrl().equals(type)).map(ResourceKey::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aRouterGetsTheGatewayListenersAndASidecarDoesNot() throws Exception {
    Path file = dir.resolve("ingress.yaml");
    Files.writeString(file, """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web.shop.svc.cluster.local]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 8080, name: http, protocol: HTTP}]
          endpoints: [{address: 127.0.0.1}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: ingress, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [ingress]
          http: [{route: [{destination: {host: web}}]}]
        """);
    CliRun apply = CliRun.of("apply", "-f", file.toString(), "--server", stack.endpoints().ingestUrl());
    assertEquals(0, apply.exit(), apply.err() + apply.out());
    CliRun listed = CliRun.of("get", "gateways", "-n", "shop", "--server", stack.endpoints().ingestUrl());
    assertEquals(0, listed.exit(), listed.err());
    assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("shop ") && l.contains(" ingress ")), listed.out());
    CliRun yaml = CliRun.of("get", "gw", "-o", "yaml", "--server", stack.endpoints().ingestUrl());
    assertTrue(yaml.out().contains("kind: Gateway") && yaml.out().contains("ingressgateway"), yaml.out());

    // A router connecting before its class exists is in the empty class "gateway" and has its stream ended when
    // the class appears (it would reconnect); these probes do not reconnect, so they connect once it exists.
    Poll.until(Duration.ofSeconds(60), "the gateway knows the class", () -> stack.gateway().snapshots().directory()
        .gatewayClasses().contains("gateway@istio=ingressgateway"));
    String xds = stack.endpoints().xdsAddress();
    try (AdsProbe router = new AdsProbe(xds, node("router~10.0.0.9~ingress-1.istio-system~istio-system.svc.cluster.local"));
        AdsProbe sidecar = new AdsProbe(xds, node("sidecar~10.0.0.8~web-1.shop~shop.svc.cluster.local"))) {
      Poll.until(Duration.ofSeconds(60), "router served the Gateway listener and route",
          () -> names(router.held(), XdsTypes.LISTENER).contains("0.0.0.0_80")
              && names(router.held(), XdsTypes.ROUTE).contains("http.80")
              && names(router.held(), XdsTypes.CLUSTER).contains("outbound|8080||web.shop.svc.cluster.local"));
      Poll.until(Duration.ofSeconds(60), "sidecar served its own listener",
          () -> names(sidecar.held(), XdsTypes.LISTENER).contains("0.0.0.0_8080"));

      assertEquals(Set.of("0.0.0.0_80"), names(router.held(), XdsTypes.LISTENER));
      byte[] routes = router.held().get(new ResourceKey(io.meshlog.schemas.ProxyClasses.GRPC, XdsTypes.ROUTE,
          "http.80")).bytes();
      RouteConfiguration http80 = RouteConfiguration.parseFrom(routes);
      assertEquals("shop.example.com:80", http80.getVirtualHosts(0).getName());
      assertEquals("outbound|8080||web.shop.svc.cluster.local",
          http80.getVirtualHosts(0).getRoutes(0).getRoute().getCluster());

      assertFalse(names(sidecar.held(), XdsTypes.LISTENER).contains("0.0.0.0_80"));
      assertFalse(names(sidecar.held(), XdsTypes.ROUTE).contains("http.80"));
      RouteConfiguration sidecar8080 = RouteConfiguration.parseFrom(sidecar.held().get(new ResourceKey(
          io.meshlog.schemas.ProxyClasses.GRPC, XdsTypes.ROUTE, "8080")).bytes());
      assertTrue(sidecar8080.getVirtualHostsList().stream().noneMatch(v -> v.getName().startsWith("shop.example.com")),
          "the Gateway-only VirtualService does not reach sidecars");
    }
  }
}
