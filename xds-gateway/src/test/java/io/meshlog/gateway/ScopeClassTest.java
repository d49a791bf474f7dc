package io.meshlog.gateway;

import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.grpc.TlsChannelCredentials;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway maps each node to a Sidecar scope's class from the compiler's directory records, and over mutual
 * TLS the namespace is the certificate's: a proxy with a certificate for namespace demo that claims namespace
 * other in its metadata gets demo's scope (or the root default), never other's.
 */
class ScopeClassTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  private static final String APP = "spiffe://cluster.local/ns/demo/sa/app";

  static Struct scope(String namespace, String name, Map<String, String> selector) {
    Struct.Builder labels = Struct.newBuilder();
    selector.forEach((k, v) -> labels.putFields(k, str(v)));
    return Struct.newBuilder().putFields("namespace", str(namespace)).putFields("name", str(name))
        .putFields("selector", Value.newBuilder().setStructValue(labels).build()).build();
  }

  static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  static Node node(String id, String namespace, Map<String, String> labels) {
    Struct.Builder l = Struct.newBuilder();
    labels.forEach((k, v) -> l.putFields(k, str(v)));
    return Node.newBuilder().setId(id).setMetadata(Struct.newBuilder()
        .putFields("GENERATOR", str("grpc"))
        .putFields("NAMESPACE", str(namespace))
        .putFields("LABELS", Value.newBuilder().setStructValue(l).build())).build();
  }

  @Test
  void certificateNamespaceDecidesTheScopeWhateverTheMetadataSays() throws Exception {
    Topics topics = Topics.withPrefix("scopes.");
    kafka.createTopics(topics.specs());
    TestCerts certs = new TestCerts(Files.createTempDirectory("meshlog-scopes"));
    TestCerts.Pem server = certs.server("gateway");
    TestCerts.Pem app = certs.client("app", APP);
    try (ResourceWriter writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
        XdsGateway gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics)
            .gatewayId("scopes-gateway")
            .tls(new GatewayTls(server.cert(), server.key(), certs.caFile())).build())) {
      writer.batch(ProxyClasses.DIRECTORY, List.of(
          item(ProxyClasses.SCOPE_TYPE, "demo/web", scope("demo", "web", Map.of("app", "web"))),
          item(ProxyClasses.SCOPE_TYPE, "other/default", scope("other", "default", Map.of())),
          item(ProxyClasses.SCOPE_TYPE, "istio-system/default", scope("istio-system", "default", Map.of()))));
      // Each class holds one listener named after the class, so a response shows which class was served.
      for (String cls : List.of("grpc", "grpc@demo/web", "grpc@other/default", "grpc@istio-system/default")) {
        writer.batch(cls, List.of(item(XdsTypes.LISTENER, "who", EnvoyResources.apiListener("who-is-" + cls))));
      }
      Poll.until("directory and classes applied", () -> gateway.snapshots().directory().size() == 3
          && gateway.snapshots().get("grpc@istio-system/default").get(XdsTypes.LISTENER, "who") != null);
      var creds = TlsChannelCredentials.newBuilder().trustManager(certs.caFile().toFile())
          .keyManager(app.cert().toFile(), app.key().toFile()).build();

      // Labels select demo/web; the metadata's namespace (other) is ignored for the certificate's (demo). The
      // served listener names the class (the probe's stream is closed by now, and with it the node's view).
      assertEquals("grpc@demo/web", servedClass(gateway, creds, node("app.demo.web-1", "other", Map.of("app", "web"))));
        // Not selected in demo, which has no namespace-wide Sidecar: the root default, still not other's.
      assertEquals("grpc@istio-system/default",
          servedClass(gateway, creds, node("app.demo.api-1", "other", Map.of("app", "api"))));
      }
  }

  private static String servedClass(XdsGateway gateway, io.grpc.ChannelCredentials creds, Node node)
      throws Exception {
    AdsProbe.Outcome o = AdsProbe.ask(gateway.xdsAddress(), creds, node, "who");
    assertTrue(o.answered(), String.valueOf(o.status()));
    Listener l = o.response().getResources(0).unpack(Listener.class);
    return l.getApiListener().getApiListener().unpack(
        io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.class)
        .getRds().getRouteConfigName().substring("who-is-".length());
  }
}
