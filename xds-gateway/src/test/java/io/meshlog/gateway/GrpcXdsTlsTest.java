package io.meshlog.gateway;

import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * xDS over mutual TLS with certificates made at test time: grpc-java's real xDS client (bootstrap channel_creds
 * "tls") routes by the gateway's config, while a stream whose node id is not its certificate's identity, a
 * plaintext client and a client without a certificate get nothing. The impostor as a real xDS client is
 * {@link GrpcXdsTlsImpostorTest} (grpc-xds reads one bootstrap per JVM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrpcXdsTlsTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  static final String HOST = "echo.demo.svc";
  static final String TARGET = HOST + ":8080";
  static final String APP = "spiffe://cluster.local/ns/demo/sa/app";
  static final String INTRUDER = "spiffe://cluster.local/ns/demo/sa/intruder";

  private final Topics topics = Topics.withPrefix("tls.");
  private Server serverA;
  private Server serverB;
  private ResourceWriter writer;
  private XdsGateway gateway;
  private ManagedChannel channel;
  private TestCerts certs;
  private TestCerts.Pem app;
  private TestCerts.Pem intruder;

  @BeforeAll
  void setUp() throws IOException {
    Path dir = Files.createTempDirectory("meshlog-tls");
    certs = new TestCerts(dir);
    TestCerts.Pem server = certs.server("gateway");
    app = certs.client("app", APP);
    intruder = certs.client("intruder", INTRUDER);
    kafka.createTopics(topics.specs());
    serverA = EchoServers.start("a");
    serverB = EchoServers.start("b");
    writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
    writeMesh(writer, serverA.getPort(), serverB.getPort(), "echo-a");
    gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics)
        .gatewayId("tls-gateway").tls(new GatewayTls(server.cert(), server.key(), certs.caFile())).build());
    System.setProperty("io.grpc.xds.bootstrapConfig", bootstrap(gateway.port(), app, certs.caFile(), "app.demo"));
    channel = Grpc.newChannelBuilder("xds:///" + TARGET, InsecureChannelCredentials.create()).build();
  }

  /** Two echo clusters and a route sending everything to {@code to}. */
  static void writeMesh(ResourceWriter writer, int portA, int portB, String to) {
    writer.batch(ProxyClasses.GRPC, List.of(
        item(XdsTypes.CLUSTER, "echo-a", EnvoyResources.edsCluster("echo-a")),
        item(XdsTypes.CLUSTER, "echo-b", EnvoyResources.edsCluster("echo-b")),
        item(XdsTypes.ENDPOINT, "echo-a", EnvoyResources.endpoints("echo-a", "127.0.0.1", portA)),
        item(XdsTypes.ENDPOINT, "echo-b", EnvoyResources.endpoints("echo-b", "127.0.0.1", portB)),
        item(XdsTypes.LISTENER, TARGET, EnvoyResources.apiListener(TARGET)),
        routeTo(to)));
  }

  static ResourceWriter.Item routeTo(String cluster) {
    return item(XdsTypes.ROUTE, TARGET, EnvoyResources.weightedRoute(TARGET, HOST, Map.of(cluster, 1)));
  }

  /** grpc-xds bootstrap: one server over mutual TLS with the given client certificate (gRFC A65 config). */
  static String bootstrap(int port, TestCerts.Pem client, Path ca, String nodeId) {
    return """
        {"xds_servers": [{"server_uri": "127.0.0.1:%d",
                          "channel_creds": [{"type": "tls", "config": {"certificate_file": "%s",
                              "private_key_file": "%s", "ca_certificate_file": "%s"}}],
                          "server_features": ["xds_v3"]}],
         "node": {"id": "%s", "metadata": {"GENERATOR": "grpc"}}}
        """.formatted(port, client.cert(), client.key(), ca, nodeId);
  }

  @AfterAll
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : new AutoCloseable[] {gateway, writer}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
    for (Server s : new Server[] {serverA, serverB}) {
      if (s != null) {
        s.shutdownNow();
      }
    }
  }

  private TlsChannelCredentials.Builder trusting() throws IOException {
    return TlsChannelCredentials.newBuilder().trustManager(certs.caFile().toFile());
  }

  @Test
  @Order(1)
  void realXdsClientRoutesOverMutualTlsBoundToItsIdentity() {
    Poll.until("routed to a over TLS", () -> "a".equals(EchoServers.who(channel)));
    writer.batch(ProxyClasses.GRPC, List.of(routeTo("echo-b")));
    Poll.until("route change reaches the TLS client", () -> "b".equals(EchoServers.who(channel)));
    assertEquals(APP, gateway.proxyView("app.demo").identity());
  }

  @Test
  @Order(2)
  void certificateForOneIdentityWithAnotherNodeIdIsRefused() throws IOException {
    var withApp = trusting().keyManager(app.cert().toFile(), app.key().toFile()).build();
    AdsProbe.Outcome posing = AdsProbe.ask(gateway.xdsAddress(), withApp, "intruder.demo", TARGET);
    assertEquals(Status.Code.PERMISSION_DENIED, posing.code(), String.valueOf(posing.status()));
    assertFalse(posing.answered());
    var withIntruder = trusting().keyManager(intruder.cert().toFile(), intruder.key().toFile()).build();
    AdsProbe.Outcome posingAsApp = AdsProbe.ask(gateway.xdsAddress(), withIntruder, "app.demo.pod-1", TARGET);
    assertEquals(Status.Code.PERMISSION_DENIED, posingAsApp.code(), String.valueOf(posingAsApp.status()));
    assertTrue(posingAsApp.status().getDescription().contains(INTRUDER), posingAsApp.status().toString());
    // The same certificate with its own node id is served.
    assertTrue(AdsProbe.ask(gateway.xdsAddress(), withIntruder, "intruder.demo", TARGET).answered());
    assertEquals(APP, gateway.proxyView("app.demo").identity(), "the impostor did not touch app's view");
  }

  @Test
  @Order(3)
  void plaintextAndCertificatelessClientsAreRefused() throws IOException {
    AdsProbe.Outcome plaintext =
        AdsProbe.ask(gateway.xdsAddress(), InsecureChannelCredentials.create(), "app.demo", TARGET);
    assertEquals(Status.Code.UNAVAILABLE, plaintext.code(), String.valueOf(plaintext.status()));
    AdsProbe.Outcome noCert = AdsProbe.ask(gateway.xdsAddress(), trusting().build(), "app.demo", TARGET);
    assertFalse(noCert.answered());
    assertEquals(Status.Code.UNAVAILABLE, noCert.code(), String.valueOf(noCert.status()));
    assertEquals("b", EchoServers.who(channel), "the real client is unaffected");
  }
}
