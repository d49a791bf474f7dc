package io.meshlog.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * grpc-java's real xDS client holding a certificate for one identity but calling itself another node: its ADS
 * stream is refused (PERMISSION_DENIED) and it never receives the other node's config, so its RPCs fail.
 * A proxy receives its own identity's config or is refused, never another's.
 */
class GrpcXdsTlsImpostorTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  @Test
  void clientWithAnotherIdentitysCertificateGetsNoConfig() throws Exception {
    Topics topics = Topics.withPrefix("impostor.");
    kafka.createTopics(topics.specs());
    TestCerts certs = new TestCerts(Files.createTempDirectory("meshlog-impostor"));
    TestCerts.Pem server = certs.server("gateway");
    TestCerts.Pem intruder = certs.client("intruder", GrpcXdsTlsTest.INTRUDER);
    var echo = EchoServers.start("a");
    try (ResourceWriter writer = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
        XdsGateway gateway = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics)
            .gatewayId("impostor-gateway")
            .tls(new GatewayTls(server.cert(), server.key(), certs.caFile())).build())) {
      GrpcXdsTlsTest.writeMesh(writer, echo.getPort(), echo.getPort(), "echo-a");
      Poll.until("mesh applied", () -> gateway.snapshots().get(io.meshlog.schemas.ProxyClasses.GRPC) != null
          && gateway.snapshots().get(io.meshlog.schemas.ProxyClasses.GRPC)
              .get(XdsTypes.LISTENER, GrpcXdsTlsTest.TARGET) != null);
        System.setProperty("io.grpc.xds.bootstrapConfig",
          GrpcXdsTlsTest.bootstrap(gateway.port(), intruder, certs.caFile(), "app.demo"));
      ManagedChannel channel =
          Grpc.newChannelBuilder("xds:///" + GrpcXdsTlsTest.TARGET, InsecureChannelCredentials.create()).build();
      try {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
            () -> ClientCalls.blockingUnaryCall(channel, EchoServers.WHO,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "who"));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(String.valueOf(e.getStatus().getDescription()).contains("PERMISSION_DENIED"),
            e.getStatus().toString());
        assertNull(gateway.proxyView("app.demo"), "the refused stream never reached the watcher");
        assertEquals(0, gateway.stats().sends(XdsTypes.LISTENER, GrpcXdsTlsTest.TARGET), "nothing was sent");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        echo.shutdownNow();
      }
    }
  }
}
