package io.meshlog.gateway;

import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.xds.XdsNameResolverProvider;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a Sidecar appears or disappears, an open stream whose node now belongs to another class is ended, and
 * grpc-java's real xDS client reconnects into the new class: the same channel starts routing as the new class
 * says, without being recreated.
 */
class ScopeChangeTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  private static final String TARGET = "echo.shop.svc:8080";
  private static final String SCOPED = ProxyClasses.scoped(ProxyClasses.GRPC, "shop/web");

  /** Two echo clusters and the target routed to {@code to}, in one class. */
  private static void writeClass(ResourceWriter writer, String proxyClass, int portA, int portB, String to) {
    writer.batch(proxyClass, List.of(
        item(XdsTypes.CLUSTER, "echo-a", EnvoyResources.edsCluster("echo-a")),
        item(XdsTypes.CLUSTER, "echo-b", EnvoyResources.edsCluster("echo-b")),
        item(XdsTypes.ENDPOINT, "echo-a", EnvoyResources.endpoints("echo-a", "127.0.0.1", portA)),
        item(XdsTypes.ENDPOINT, "echo-b", EnvoyResources.endpoints("echo-b", "127.0.0.1", portB)),
        item(XdsTypes.LISTENER, TARGET, EnvoyResources.apiListener(TARGET)),
        item(XdsTypes.ROUTE, TARGET, EnvoyResources.weightedRoute(TARGET, "echo.shop.svc", Map.of(to, 1)))));
  }

  @Test
  void openStreamMovesToTheClassOfANewSidecarAndBack() throws Exception {
    Topics topics = Topics.withPrefix("scope-change.");
    kafka.createTopics(topics.specs());
    Server a = EchoServers.start("a");
    Server b = EchoServers.start("b");
    ManagedChannel channel = null;
    try (ResourceWriter writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
        XdsGateway gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics)
            .gatewayId("scope-change-gateway").build())) {
      writeClass(writer, ProxyClasses.GRPC, a.getPort(), b.getPort(), "echo-a");
      writeClass(writer, SCOPED, a.getPort(), b.getPort(), "echo-b");
      Poll.until("both classes applied", () -> gateway.snapshots().get(SCOPED).get(XdsTypes.ROUTE, TARGET) != null
          && gateway.snapshots().get(ProxyClasses.GRPC).get(XdsTypes.ROUTE, TARGET) != null);
      NameResolverRegistry.getDefaultRegistry().register(XdsNameResolverProvider.createForTest("xds-scope-change",
          Map.of("xds_servers", List.of(Map.of("server_uri", gateway.xdsAddress(),
                  "channel_creds", List.of(Map.of("type", "insecure")), "server_features", List.of("xds_v3"))),
              "node", Map.of("id", "web.shop", "metadata", Map.of("GENERATOR", "grpc", "NAMESPACE", "shop",
                  "LABELS", Map.of("app", "web"))))));
      channel = Grpc.newChannelBuilder("xds-scope-change:///" + TARGET, InsecureChannelCredentials.create()).build();
      ManagedChannel ch = channel;
      Poll.until("no Sidecar: the unscoped class routes to a", () -> "a".equals(who(ch)));

      writer.batch(ProxyClasses.DIRECTORY, List.of(item(ProxyClasses.SCOPE_TYPE, "shop/web",
          ScopeClassTest.scope("shop", "web", Map.of("app", "web")))));
      Poll.until("the Sidecar selects the node: its class routes to b", () -> "b".equals(who(ch)));

      writer.batch(ProxyClasses.DIRECTORY, List.of(item(ProxyClasses.SCOPE_TYPE, "shop/web", null)));
      Poll.until("the Sidecar is gone: back to the unscoped class", () -> "a".equals(who(ch)));
      assertEquals("a", who(ch));
    } finally {
      if (channel != null) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      a.shutdownNow();
      b.shutdownNow();
    }
  }

  private static String who(ManagedChannel ch) {
    try {
      return EchoServers.who(ch);
    } catch (StatusRuntimeException e) {
      return "error";
    }
  }
}
