package io.meshlog.gateway;

import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.SelectorSets;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over ADS, an ingress router (node id {@code router~...}) is served the class of the set of Gateway selectors its
 * labels match (two selectors: the class merging both), while a sidecar carrying the same labels keeps the sidecar class: records shaped as
 * the compiler writes them (a {@code directory} record of kind gateway, and the classes' listeners).
 */
class GatewayClassTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  private static final String INGRESS = ProxyClasses.gateway(Map.of("istio", "ingressgateway"));

  /** A gateway class's directory record as the compiler writes it: kind gateway and its set of selectors. */
  static Struct gatewayRecord(SortedSet<String> selectors) {
    ListValue.Builder list = ListValue.newBuilder();
    selectors.forEach(s -> list.addValues(ScopeClassTest.str(s)));
    return Struct.newBuilder().putFields("kind", ScopeClassTest.str("gateway"))
        .putFields("selectors", Value.newBuilder().setListValue(list).build()).build();
  }

  static Struct gatewayRecord(Map<String, String> selector) {
    return gatewayRecord(new TreeSet<>(Set.of(SelectorSets.canonical(selector))));
  }

  static Node node(String id, Map<String, String> labels) {
    Struct.Builder l = Struct.newBuilder();
    labels.forEach((k, v) -> l.putFields(k, ScopeClassTest.str(v)));
    return Node.newBuilder().setId(id).setMetadata(Struct.newBuilder()
        .putFields("NAMESPACE", ScopeClassTest.str("istio-system"))
        .putFields("LABELS", Value.newBuilder().setStructValue(l).build())).build();
  }

  private static Listener listener(String name) {
    return Listener.newBuilder().setName(name).build();
  }

  @Test
  void routerMatchingASelectorGetsTheGatewayListenersAndASidecarDoesNot() throws Exception {
    Topics topics = Topics.withPrefix("gwclass.");
    kafka.createTopics(topics.specs());
    try (ResourceWriter writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
        XdsGateway gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics)
            .gatewayId("gwclass-gateway").build())) {
      // Selectors istio=ingressgateway and tier=edge: the compiler writes a class for each and one merging both.
      SortedSet<String> both = new TreeSet<>(Set.of("istio=ingressgateway", "tier=edge"));
      String merged = ProxyClasses.gateway(both);
      String edge = ProxyClasses.gateway(Map.of("tier", "edge"));
      writer.batch(ProxyClasses.DIRECTORY, List.of(
          item(ProxyClasses.SCOPE_TYPE, INGRESS, gatewayRecord(Map.of("istio", "ingressgateway"))),
          item(ProxyClasses.SCOPE_TYPE, edge, gatewayRecord(Map.of("tier", "edge"))),
          item(ProxyClasses.SCOPE_TYPE, merged, gatewayRecord(both))));
      writer.batch(INGRESS, List.of(item(XdsTypes.LISTENER, "0.0.0.0_80", listener("0.0.0.0_80"))));
      writer.batch(edge, List.of(item(XdsTypes.LISTENER, "0.0.0.0_8443", listener("0.0.0.0_8443"))));
      writer.batch(merged, List.of(item(XdsTypes.LISTENER, "0.0.0.0_80", listener("0.0.0.0_80")),
          item(XdsTypes.LISTENER, "0.0.0.0_8443", listener("0.0.0.0_8443"))));
      writer.batch(ProxyClasses.SIDECAR, List.of(item(XdsTypes.LISTENER, "0.0.0.0_9080", listener("0.0.0.0_9080"))));
      Poll.until("directory and classes applied",
          () -> gateway.snapshots().directory().gatewayClasses().containsAll(Set.of(INGRESS, edge, merged))
              && gateway.snapshots().get(INGRESS).get(XdsTypes.LISTENER, "0.0.0.0_80") != null
              && gateway.snapshots().get(merged).get(XdsTypes.LISTENER, "0.0.0.0_8443") != null
              && gateway.snapshots().get(ProxyClasses.SIDECAR).get(XdsTypes.LISTENER, "0.0.0.0_9080") != null);
      Map<String, String> labels = Map.of("istio", "ingressgateway", "app", "istio-ingressgateway");

      String router = "router~10.0.0.9~istio-ingressgateway-1.istio-system~istio-system.svc.cluster.local";
      assertEquals(List.of("0.0.0.0_80"), listeners(gateway, node(router, labels)));

      String sidecar = "sidecar~10.0.0.8~web-1.shop~shop.svc.cluster.local";
      assertEquals(List.of("0.0.0.0_9080"), listeners(gateway, node(sidecar, labels)),
          "a sidecar with the selector's labels is still a sidecar");

      String edgeRouter = "router~10.0.0.7~edge-1.istio-system~istio-system.svc.cluster.local";
      assertEquals(List.of("0.0.0.0_80", "0.0.0.0_8443"),
          listeners(gateway, node(edgeRouter, Map.of("istio", "ingressgateway", "tier", "edge"))),
          "a router both selectors match gets the listeners of both Gateways");
      assertEquals(List.of(), listeners(gateway, node(edgeRouter, Map.of("app", "other"))),
          "a router no Gateway selects gets the bare gateway class: nothing");

      // exportTo names namespace edge: a router of edge gets its class's variant for edge (compiled from edge's
      // view), a router of any other namespace the class.
      String ingressInEdge = ProxyClasses.gatewayVariant(INGRESS, "edge");
      writer.batch(ProxyClasses.DIRECTORY, List.of(
          item(ProxyClasses.SCOPE_TYPE, ProxyClasses.VIEWS,
              Struct.parseFrom(ClientViewClassTest.views(List.of("edge"), List.of()))),
          item(ProxyClasses.SCOPE_TYPE, ingressInEdge, gatewayRecord(Map.of("istio", "ingressgateway")))));
      writer.batch(ingressInEdge, List.of(item(XdsTypes.LISTENER, "0.0.0.0_8080", listener("0.0.0.0_8080"))));
      Poll.until("variant applied",
          () -> gateway.snapshots().get(ingressInEdge).get(XdsTypes.LISTENER, "0.0.0.0_8080") != null);
      Node edgeNode = node("router~10.0.0.6~gw-1.edge~edge.svc.cluster.local", labels);
      edgeNode = edgeNode.toBuilder().setMetadata(edgeNode.getMetadata().toBuilder()
          .putFields("NAMESPACE", ScopeClassTest.str("edge"))).build();
      assertEquals(List.of("0.0.0.0_8080"), listeners(gateway, edgeNode), "a router of edge: the variant");
      assertEquals(List.of("0.0.0.0_80"), listeners(gateway, node(router, labels)), "a router of istio-system");
    }
  }

  /**
   * Over mutual TLS a router holding a certificate of istio-system is served its gateway class under Istio's
   * router id for that namespace; the same certificate naming a router of another namespace is refused.
   */
  @Test
  void routerOverMutualTlsIsServedOnlyUnderItsCertificatesNamespace() throws Exception {
    Topics topics = Topics.withPrefix("gwclass-tls.");
    kafka.createTopics(topics.specs());
    TestCerts certs = new TestCerts(Files.createTempDirectory("meshlog-router-tls"));
    TestCerts.Pem server = certs.server("gateway");
    TestCerts.Pem router = certs.client("router",
        "spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account");
    try (ResourceWriter writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
        XdsGateway gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics)
            .gatewayId("gwclass-tls-gateway")
            .tls(new GatewayTls(server.cert(), server.key(), certs.caFile())).build())) {
      writer.batch(ProxyClasses.DIRECTORY, List.of(
          item(ProxyClasses.SCOPE_TYPE, INGRESS, gatewayRecord(Map.of("istio", "ingressgateway")))));
      writer.batch(INGRESS, List.of(item(XdsTypes.LISTENER, "0.0.0.0_443", listener("0.0.0.0_443"))));
      Poll.until("directory and class applied",
          () -> gateway.snapshots().directory().gatewayClasses().contains(INGRESS)
              && gateway.snapshots().get(INGRESS).get(XdsTypes.LISTENER, "0.0.0.0_443") != null);
      var creds = TlsChannelCredentials.newBuilder().trustManager(certs.caFile().toFile())
          .keyManager(router.cert().toFile(), router.key().toFile()).build();
      Map<String, String> labels = Map.of("istio", "ingressgateway");

      String own = "router~10.0.0.9~istio-ingressgateway-1.istio-system~istio-system.svc.cluster.local";
      assertEquals(List.of("0.0.0.0_443"), listeners(gateway, creds, node(own, labels)));

      String other = "router~10.0.0.9~istio-ingressgateway-1.shop~shop.svc.cluster.local";
      AdsProbe.Outcome refused = AdsProbe.askAll(gateway.xdsAddress(), creds, node(other, labels));
      assertEquals(Status.Code.PERMISSION_DENIED, refused.code(), String.valueOf(refused.status()));
    }
  }

  private static List<String> listeners(XdsGateway gateway, Node node) throws InvalidProtocolBufferException {
    return listeners(gateway, InsecureChannelCredentials.create(), node);
  }

  private static List<String> listeners(XdsGateway gateway, ChannelCredentials creds, Node node)
      throws InvalidProtocolBufferException {
    AdsProbe.Outcome o = AdsProbe.askAll(gateway.xdsAddress(), creds, node);
    assertTrue(o.answered(), String.valueOf(o.status()));
    List<String> names = new ArrayList<>();
    for (var any : o.response().getResourcesList()) {
      names.add(any.unpack(Listener.class).getName());
    }
    return names;
  }
}
