package io.meshlog.gateway;

import static io.meshlog.gateway.GrpcXdsTlsTest.routeTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reconnect storm against a real gateway: many streams of one class opening at once are served from answers
 * built once and shared (and resources packed once), a bounded number of first responses at a time (the rest
 * wait for a place), a stalled proxy's places are freed after the hold time, and every stream gets its config.
 */
class ReconnectStormTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  private static final int STREAMS = 120;
  private static final int PLACES = 4;
  private static final Map<String, List<String>> NAMES = Map.of(
      XdsTypes.LISTENER, List.of(GrpcXdsTlsTest.TARGET), XdsTypes.ROUTE, List.of(GrpcXdsTlsTest.TARGET),
      XdsTypes.CLUSTER, List.of("echo-a", "echo-b"), XdsTypes.ENDPOINT, List.of("echo-a", "echo-b"));

  @Test
  void aStormIsServedFromSharedAnswersABoundedNumberOfFirstResponsesAtATime() throws Exception {
    Topics topics = Topics.withPrefix("storm.");
    kafka.createTopics(topics.specs());
    List<ManagedChannel> channels = new ArrayList<>();
    try (ResourceWriter writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
        XdsGateway gateway = start(writer, topics)) {
      // A proxy that never ACKs takes all four places with its four first responses ...
      ManagedChannel silentChannel = channel(gateway, channels);
      AdsClient silent = AdsClient.open(silentChannel, "silent", NAMES, false);
      Poll.until("the silent proxy got its first responses", silent::hasAllTypes);
      // (peak, not inFlight: on a slow machine the 1 s hold may already have freed them)
      assertEquals(PLACES, gateway.firstResponses().peak(), "its un-ACKed first responses took every place");

      // ... and a storm of streams arrives meanwhile, 20 to an HTTP/2 connection.
      List<AdsClient> storm = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        ManagedChannel c = i % 20 == 0 ? channel(gateway, channels) : channels.get(channels.size() - 1);
        storm.add(AdsClient.open(c, "storm-" + i, NAMES, true));
      }
      Poll.until("every stream of the storm has its whole config", Duration.ofSeconds(60),
          () -> storm.stream().allMatch(AdsClient::hasAllTypes));

      FirstResponseGate.Stats gate = gateway.firstResponses();
      assertEquals(PLACES, gate.peak(), "never more first responses in flight than places: " + gate);
      assertTrue(gate.waited() > 0, "streams waited for a place (the silent proxy's freed after the hold): " + gate);

      XdsGateway.SharingStats sharing = gateway.sharing();
      assertEquals(NAMES.size(), sharing.answersBuilt(), "one answer per type for all streams: " + sharing);
      assertTrue(sharing.sharedResponses() >= (STREAMS + 1) * NAMES.size(), sharing.toString());
      assertEquals(0, sharing.packedOnSend(), "no resource serialized per stream: " + sharing);

      // A change reaches every stream, again from one answer per type.
      writer.batch(ProxyClasses.GRPC, List.of(routeTo("echo-b")));
      Poll.until("every stream has the changed route", Duration.ofSeconds(60),
          () -> storm.stream().allMatch(c -> "echo-b".equals(routedCluster(c))));
      assertTrue(gateway.sharing().answersBuilt() <= 2L * NAMES.size(), gateway.sharing().toString());
      assertEquals(STREAMS + 1, gateway.connectedStreams());
    } finally {
      channels.forEach(ManagedChannel::shutdownNow);
    }
  }

  private static XdsGateway start(ResourceWriter writer, Topics topics) {
    GrpcXdsTlsTest.writeMesh(writer, 1, 2, "echo-a"); // endpoints are never dialled here
    return XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics).gatewayId("storm")
        .streamLimits(new StreamLimits(2, PLACES, Duration.ofSeconds(1))).build());
  }

  private static ManagedChannel channel(XdsGateway gateway, List<ManagedChannel> channels) {
    ManagedChannel c = NettyChannelBuilder.forTarget(gateway.xdsAddress()).usePlaintext().build();
    channels.add(c);
    return c;
  }

  private static String routedCluster(AdsClient c) {
    var r = c.last(XdsTypes.ROUTE);
    if (r == null || r.getResourcesCount() == 0) {
      return null;
    }
    try {
      return r.getResources(0).unpack(RouteConfiguration.class).getVirtualHosts(0).getRoutes(0).getRoute()
          .getWeightedClusters().getClusters(0).getName();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
