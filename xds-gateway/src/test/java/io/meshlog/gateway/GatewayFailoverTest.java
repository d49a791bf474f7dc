package io.meshlog.gateway;

import static io.meshlog.gateway.GrpcXdsTlsTest.routeTo;
import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ChannelCredentials;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several gateways behind one address ({@link TcpFailover}, standing in for a load balancer; TLS passes through
 * it) and grpc-java's real xDS client over mutual TLS, as in production (bootstrap channel_creds "tls" with a
 * client certificate carrying a SPIFFE id; every gateway requires it): the client fails over when its gateway
 * dies; a gateway still catching up is not bound (so it refuses streams and /ready says 503) until READY; a
 * READY gateway behind the log by more than maxServingLag refuses new streams but keeps serving the open one.
 * The tests run in order on one mesh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFailoverTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  private final Topics topics = Topics.withPrefix("failover.");
  private final AtomicBoolean held = new AtomicBoolean();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Server serverA;
  private Server serverB;
  private ResourceWriter writer;
  private XdsGateway g1;
  private XdsGateway g2;
  private XdsGateway g3;
  private TcpFailover balancer;
  private ManagedChannel channel;
  private TestCerts certs;
  private GatewayTls serverTls;
  private TestCerts.Pem client;
  private TestCerts.Pem newcomer;

  @BeforeAll
  void setUp() throws IOException {
    certs = new TestCerts(Files.createTempDirectory("meshlog-failover-tls"));
    TestCerts.Pem server = certs.server("gateway");
    serverTls = new GatewayTls(server.cert(), server.key(), certs.caFile());
    client = certs.client("client", "spiffe://cluster.local/ns/demo/sa/client");
    newcomer = certs.client("newcomer", "spiffe://cluster.local/ns/demo/sa/newcomer");
    kafka.createTopics(topics.specs());
    serverA = EchoServers.start("a");
    serverB = EchoServers.start("b");
    writer = closing(new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources()));
    GrpcXdsTlsTest.writeMesh(writer, serverA.getPort(), serverB.getPort(), "echo-a");
    g1 = closing(XdsGateway.start(config("g1").build()));
    g2 = closing(XdsGateway.start(config("g2").build()));
    balancer = closing(new TcpFailover(List.of(g1.port(), g2.port())));
    // The balancer listens on 127.0.0.1, which the gateways' certificate names: TLS end to end through it.
    System.setProperty("io.grpc.xds.bootstrapConfig",
        GrpcXdsTlsTest.bootstrap(balancer.port(), client, certs.caFile(), "client.demo"));
    channel = Grpc.newChannelBuilder("xds:///" + GrpcXdsTlsTest.TARGET, InsecureChannelCredentials.create()).build();
  }

  private GatewayConfig.Builder config(String id) {
    return GatewayConfig.builder(kafka.bootstrapServers()).topics(topics).gatewayId(id).tls(serverTls);
  }

  /** Credentials of a raw ADS probe, {@code client.demo}'s or {@code newcomer.demo}'s certificate. */
  private ChannelCredentials mtls(TestCerts.Pem pem) {
    try {
      return TlsChannelCredentials.newBuilder().keyManager(pem.cert().toFile(), pem.key().toFile())
          .trustManager(certs.caFile().toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T extends AutoCloseable> T closing(T c) {
    closeables.add(0, c);
    return c;
  }

  @AfterAll
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : closeables) {
      try {
        c.close();
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

  private String who() {
    return EchoServers.who(channel);
  }

  @Test
  @Order(1)
  void clientIsServedByTheFirstGateway() {
    Poll.until("routed to a", () -> "a".equals(who()));
    assertEquals(1, g1.connectedStreams());
    assertEquals(0, g2.connectedStreams());
    assertEquals("spiffe://cluster.local/ns/demo/sa/client", g1.proxyView("client.demo").identity(),
        "the client's stream is bound to its certificate's identity");
  }

  @Test
  @Order(2)
  void killedGatewayFailsOverToTheOther() {
    g1.close();
    assertEquals("a", who(), "routing from the client's cache while it reconnects");
    // The stream counts as connected before its first request names the node.
    Poll.until("client reconnected to g2",
        () -> g2.connectedStreams() == 1 && g2.proxyView("client.demo") != null);
    assertEquals("spiffe://cluster.local/ns/demo/sa/client", g2.proxyView("client.demo").identity());
    writer.batch(ProxyClasses.GRPC, List.of(routeTo("echo-b")));
    Poll.until("a change reaches the client through g2", () -> "b".equals(who()));
  }

  @Test
  @Order(3)
  void gatewayCatchingUpRefusesStreamsUntilReadyThenServes() throws Exception {
    held.set(true); // g3 reads nothing until released: a backlog it has not caught up with
    int port = GrpcXdsEndToEndTest.freePort();
    g3 = closing(new XdsGateway(config("g3").port(port).maxServingLag(5).feedGate(held::get).build()));
    CompletableFuture<Void> started = CompletableFuture.runAsync(g3::start);
    Poll.until("g3 admin bound and catching up", () -> g3.adminAddress() != null && g3.lag() > 0);
    assertEquals(503, Admin.get(g3.adminAddress(), "/ready").status());
    assertFalse(g3.ready());
    AdsProbe.Outcome early = AdsProbe.ask("127.0.0.1:" + port, mtls(newcomer), "newcomer.demo", "x");
    assertEquals(Status.Code.UNAVAILABLE, early.code(), "xDS port not bound while catching up: " + early.status());
    assertFalse(started.isDone());

    balancer.addBackend(port);
    held.set(false);
    started.get(30, TimeUnit.SECONDS);
    assertTrue(g3.ready());
    assertEquals(200, Admin.get(g3.adminAddress(), "/ready").status());
    g2.close();
    Poll.until("client reconnected to g3", () -> g3.connectedStreams() == 1);
    writer.batch(ProxyClasses.GRPC, List.of(routeTo("echo-a")));
    Poll.until("a change reaches the client through g3", () -> "a".equals(who()));
  }

  @Test
  @Order(4)
  void laggingGatewayRefusesNewStreamsAndKeepsServingTheOpenOne() {
    long opened = g3.streamsOpened();
    held.set(true);
    List<ResourceWriter.Item> backlog = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      backlog.add(item(XdsTypes.CLUSTER, "filler-" + i, EnvoyResources.edsCluster("filler-" + i)));
    }
    writer.batch(ProxyClasses.SIDECAR, backlog);
    writer.batch(ProxyClasses.GRPC, List.of(routeTo("echo-b")));
    Poll.until("g3 refuses new streams", () -> !g3.accepting());
    assertTrue(g3.ready() && g3.lag() > 5, "READY but lagging: lag=" + g3.lag());
    assertEquals(503, Admin.get(g3.adminAddress(), "/ready").status());
    AdsProbe.Outcome refused =
        AdsProbe.ask(g3.xdsAddress(), mtls(newcomer), "newcomer.demo", GrpcXdsTlsTest.TARGET);
    assertEquals(Status.Code.UNAVAILABLE, refused.code(), String.valueOf(refused.status()));
    assertTrue(refused.status().getDescription().contains("behind the log"), refused.status().toString());
    assertEquals(1, g3.connectedStreams(), "the open stream is kept");
    assertEquals("a", who(), "and the client keeps routing");

    held.set(false);
    Poll.until("the open stream gets the change once applied", () -> "b".equals(who()));
    Poll.until("g3 accepts again", () -> g3.accepting()
        && Admin.get(g3.adminAddress(), "/ready").status() == 200);
    assertEquals(opened, g3.streamsOpened(), "the client's stream was never re-opened");
    assertTrue(AdsProbe.ask(g3.xdsAddress(), mtls(newcomer), "newcomer.demo", GrpcXdsTlsTest.TARGET).answered());
    assertEquals(Status.Code.UNAVAILABLE, AdsProbe.ask(g3.xdsAddress(), InsecureChannelCredentials.create(),
        "newcomer.demo", GrpcXdsTlsTest.TARGET).code(), "the gateways serve mutual TLS only");
  }
}
