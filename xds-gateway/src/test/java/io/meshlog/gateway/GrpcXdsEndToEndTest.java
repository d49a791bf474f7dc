package io.meshlog.gateway;

import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.meshlog.events.GatewayState;
import io.meshlog.events.GatewayStatus;
import io.meshlog.events.ProxyStatus;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * grpc-java's real xDS client (proxyless gRPC) against the gateway fed from a real Kafka broker. One gateway
 * port per JVM because grpc-xds reads its bootstrap once; the tests run in order on one mesh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrpcXdsEndToEndTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  static final String HOST = "echo.demo.svc";
  static final String TARGET = HOST + ":8080";
  static final String GRPC = ProxyClasses.GRPC;

  private final Topics topics = Topics.withPrefix("e2e.");
  private Server serverA;
  private Server serverB;
  private ResourceWriter writer;
  private XdsGateway gateway;
  private int xdsPort;
  private ManagedChannel channel;

  @BeforeAll
  void setUp() throws IOException {
    kafka.createTopics(topics.specs());
    serverA = EchoServers.start("a");
    serverB = EchoServers.start("b");
    writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
    writer.batch(GRPC, List.of(
        item(XdsTypes.CLUSTER, "echo-a", EnvoyResources.edsCluster("echo-a")),
        item(XdsTypes.CLUSTER, "echo-b", EnvoyResources.edsCluster("echo-b")),
        item(XdsTypes.ENDPOINT, "echo-a", EnvoyResources.endpoints("echo-a", "127.0.0.1", serverA.getPort())),
        item(XdsTypes.ENDPOINT, "echo-b", EnvoyResources.endpoints("echo-b", "127.0.0.1", serverB.getPort())),
        item(XdsTypes.LISTENER, TARGET, EnvoyResources.apiListener(TARGET)),
        item(XdsTypes.ROUTE, TARGET, route(80, 20))));
    xdsPort = freePort();
    gateway = XdsGateway.start(config());
    System.setProperty("io.grpc.xds.bootstrapConfig", bootstrap(xdsPort));
    channel = Grpc.newChannelBuilder("xds:///" + TARGET, InsecureChannelCredentials.create()).build();
  }

  @AfterAll
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (gateway != null) {
      gateway.close();
    }
    if (writer != null) {
      writer.close();
    }
    for (Server s : new Server[] {serverA, serverB}) {
      if (s != null) {
        s.shutdownNow();
      }
    }
  }

  private GatewayConfig config() {
    return GatewayConfig.builder(kafka.bootstrapServers()).topics(topics).port(xdsPort)
        .gatewayId("e2e-gateway").build();
  }

  static io.envoyproxy.envoy.config.route.v3.RouteConfiguration route(int a, int b) {
    Map<String, Integer> w = new LinkedHashMap<>();
    w.put("echo-a", a);
    w.put("echo-b", b);
    return EnvoyResources.weightedRoute(TARGET, HOST, w);
  }

  static String bootstrap(int port) {
    return """
        {"xds_servers": [{"server_uri": "127.0.0.1:%d", "channel_creds": [{"type": "insecure"}],
                          "server_features": ["xds_v3"]}],
         "node": {"id": "e2e-client", "metadata": {"GENERATOR": "grpc"}}}
        """.formatted(port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /** Percentage of n RPCs answered by server "a" (every RPC must succeed). */
  private double percentA(int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(EchoServers.who(channel), 1, Integer::sum);
    }
    return 100.0 * counts.getOrDefault("a", 0) / n;
  }

  private void awaitPercentA(double expected) {
    Poll.until("traffic to a near " + expected + "%", Duration.ofSeconds(30),
        () -> Math.abs(percentA(200) - expected) < 12);
    double measured = percentA(2000);
    assertTrue(Math.abs(measured - expected) <= 5, "measured " + measured + "% to a, expected " + expected);
  }

  @Test
  @Order(1)
  void rpcsAreSplitByRouteWeights() {
    awaitPercentA(80);
  }

  @Test
  @Order(2)
  void weightChangeOnTheTopicMovesTraffic() {
    writer.batch(GRPC, List.of(item(XdsTypes.ROUTE, TARGET, route(20, 80))));
    awaitPercentA(20);
  }

  @Test
  @Order(3)
  void nackedRouteIsNotResentInALoopAndClientKeepsRouting() {
    WatcherStats stats = gateway.stats();
    long nacksBefore = stats.nacks(XdsTypes.ROUTE);
    writer.batch(GRPC, List.of(item(XdsTypes.ROUTE, TARGET, route(0, 0)))); // weights sum to 0: rejected
    Poll.until("client NACKs the invalid route", () -> stats.nacks(XdsTypes.ROUTE) > nacksBefore);
    long sendsAfterNack = stats.sends(XdsTypes.ROUTE, TARGET);

    // The NACK and the client's own error show in the proxy's status, on the gateway and on the topic.
    SyncTracker.TypeView nacked = Poll.value("route NACKED in proxy status", () -> {
      SyncTracker.TypeView t = gateway.proxyView("e2e-client").types().get(XdsTypes.ROUTE);
      return t != null && t.sync() == SyncTracker.Sync.NACKED ? t : null;
    });
    assertTrue(nacked.error().toLowerCase().contains("weight"), nacked.error());
    Poll.until("NACK published to the proxy-status topic", () -> {
      ProxyStatus p = proxyStatuses().get("e2e-client|e2e-gateway");
      return p != null && nacked.error().equals(p.getTypes().get(XdsTypes.ROUTE).getNackError());
    });
    String syncz = Admin.get(gateway.adminAddress(), "/debug/syncz").body();
    assertTrue(syncz.contains("NACKED") && syncz.contains("e2e-client"), syncz);

    // The client keeps its last good route (20/80) while we do real work; a re-send loop would show here.
    double measured = percentA(2000);
    assertTrue(Math.abs(measured - 20) <= 5, "client keeps routing 20/80, measured " + measured);
    assertEquals(sendsAfterNack, stats.sends(XdsTypes.ROUTE, TARGET), "NACKed route re-sent");
    assertEquals(nacksBefore + 1, stats.nacks(XdsTypes.ROUTE), "one rejection, no loop");

    writer.batch(GRPC, List.of(item(XdsTypes.ROUTE, TARGET, route(50, 50)))); // a later change is sent
    awaitPercentA(50);
    Poll.until("a corrected route clears the NACK", () -> {
      SyncTracker.TypeView t = gateway.proxyView("e2e-client").types().get(XdsTypes.ROUTE);
      ProxyStatus p = proxyStatuses().get("e2e-client|e2e-gateway");
      return t.sync() == SyncTracker.Sync.SYNCED && p != null
          && p.getTypes().get(XdsTypes.ROUTE).getNackError() == null;
    });
    assertAdminEndpoints();
  }

  private void assertAdminEndpoints() {
    String admin = gateway.adminAddress();
    assertEquals(200, Admin.get(admin, "/ready").status());
    String metrics = Admin.get(admin, "/metrics").body();
    for (String m : List.of("meshlog_xds_connected_proxies", "meshlog_xds_pushes_total{",
        "meshlog_xds_push_bytes_total{", "meshlog_xds_nacks_total{", "meshlog_gateway_lag_records",
        "meshlog_xds_convergence_seconds_count{")) {
      assertTrue(metrics.contains(m), m + " missing from /metrics:\n" + metrics);
    }
    assertTrue(metrics.contains("type=\"RouteConfiguration\""), metrics);
    Admin.Response dump = Admin.get(admin, "/debug/config_dump?proxy=e2e-client");
    assertEquals(200, dump.status());
    assertTrue(dump.body().contains("\"" + TARGET + "\"") && dump.body().contains("echo-b"), dump.body());
    assertTrue(dump.body().contains("envoy.filters.http.router"), dump.body());
    assertEquals(404, Admin.get(admin, "/debug/config_dump?proxy=nobody").status());
  }

  /** Latest proxy-status record per key (tombstones drop the key). */
  private Map<String, ProxyStatus> proxyStatuses() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    Map<String, ProxyStatus> out = new HashMap<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topics.proxyStatus(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
          if (r.value() == null) {
            out.remove(r.key());
          } else {
            out.put(r.key(), Serdes.PROXY_STATUS.fromBytes(r.value()));
          }
        }
      }
    }
    return out;
  }

  @Test
  @Order(4)
  void listenerThatAppearsAfterTheClientAskedIsPushed() throws Exception {
    String late = "late.demo.svc:9090";
    ManagedChannel lateChannel =
        Grpc.newChannelBuilder("xds:///" + late, InsecureChannelCredentials.create()).build();
    try {
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> EchoServers.who(lateChannel));
      Poll.until("client asks for " + late, () -> gateway.stats().requests(XdsTypes.LISTENER, late) > 0);
      assertEquals(0, gateway.stats().sends(XdsTypes.LISTENER, late));
      writer.batch(GRPC, List.of(
          item(XdsTypes.LISTENER, late, EnvoyResources.apiListener(late)),
          item(XdsTypes.ROUTE, late, EnvoyResources.weightedRoute(late, "late.demo.svc", Map.of("echo-b", 1)))));
      assertEquals("b", answer.get(30, TimeUnit.SECONDS));
    } finally {
      lateChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(5)
  void restartedGatewayIsCaughtUpBeforeServingAndClientKeepsWorking() {
    gateway.close();
    // While no gateway runs: the client keeps routing from its cache, and the mesh changes on the log.
    assertTrue(Math.abs(percentA(500) - 50) <= 10);
    writer.batch(GRPC, List.of(item(XdsTypes.ROUTE, TARGET, route(100, 0))));

    gateway = XdsGateway.start(config());
    assertEquals(xdsPort, gateway.port());
    // Caught up before binding: the change made while it was down is in the snapshot it serves first.
    var route = (io.envoyproxy.envoy.config.route.v3.RouteConfiguration)
        gateway.snapshots().get(GRPC).get(XdsTypes.ROUTE, TARGET).resource();
    assertEquals(route(100, 0), route);
    awaitPercentA(100);

    writer.batch(GRPC, List.of(item(XdsTypes.ROUTE, TARGET, route(0, 100))));
    awaitPercentA(0);
    assertStatusSequence();
  }

  private void assertStatusSequence() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaConsumer<String, GatewayStatus> c = new KafkaConsumer<>(p, new StringDeserializer(),
        Serdes.GATEWAY_STATUS.deserializer())) {
      TopicPartition tp = new TopicPartition(topics.gatewayStatus(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      List<GatewayState> states = new ArrayList<>();
      Poll.until("status records", () -> {
        for (ConsumerRecord<String, GatewayStatus> r : c.poll(Duration.ofMillis(100))) {
          states.add(r.value().getState());
          if (r.value().getState() == GatewayState.READY) {
            assertTrue(r.value().getEndOffsetsAtStart().values().stream().mapToLong(Long::longValue).sum() > 0);
          }
        }
        return states.size() >= 5;
      });
      assertEquals(List.of(GatewayState.CATCHING_UP, GatewayState.READY, GatewayState.STOPPED,
          GatewayState.CATCHING_UP, GatewayState.READY), states.subList(0, 5));
    }
  }
}
