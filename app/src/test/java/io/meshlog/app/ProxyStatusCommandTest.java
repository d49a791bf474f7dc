package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `meshlog proxy-status` and `meshlog proxy-config` against the whole stack, with grpc-java's real xDS client
 * as the proxy. (The NACK path with the client's own error is covered in xds-gateway's GrpcXdsEndToEndTest.)
 */
class ProxyStatusCommandTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String NODE = "status-client";

  @TempDir static Path dir;
  static Stack stack;
  static Backends backends;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new Backends();
    int v1 = backends.start("v1");
    int v2 = backends.start("v2");
    String demo = Files.readString(Path.of("../examples/demo-mesh.yaml"))
        .replace("grpc: 50051", "grpc: " + v1).replace("grpc: 50052", "grpc: " + v2);
    Files.writeString(dir.resolve("demo-mesh.yaml"), demo);
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), NODE));
    channel = Grpc.newChannelBuilder("xds:///echo.demo.svc:8080", InsecureChannelCredentials.create()).build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (backends != null) {
      backends.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void listsTheConnectedClientSyncedAndShowsItsConfig() throws Exception {
    CliRun apply = cli("apply", "-f", dir.resolve("demo-mesh.yaml").toString(), "--server", stack.endpoints().ingestUrl());
    assertEquals(0, apply.exit(), apply.err());
    Poll.until(CONVERGE, "the client gets an answer", () -> {
      try {
        return Echo.who(channel) != null;
      } catch (RuntimeException e) {
        return false;
      }
    });

    String[] row = new String[1];
    Poll.until(CONVERGE, "proxy-status lists the client with every type SYNCED", () -> {
      CliRun status = cli("proxy-status", "--bootstrap-servers", stack.bootstrapServers());
      row[0] = status.out().lines().filter(l -> l.startsWith(NODE)).findFirst().orElse(null);
      return status.exit() == 0 && row[0] != null && row[0].split("SYNCED", -1).length == 5;
    });
    assertTrue(row[0].contains(stack.gateway().config().gatewayId()) && row[0].contains("grpc"), row[0]);

    CliRun config = cli("proxy-config", NODE, "--bootstrap-servers", stack.bootstrapServers());
    assertEquals(0, config.exit(), config.err());
    assertTrue(config.out().contains("\"echo.demo.svc:8080\"") && config.out().contains("weighted_clusters"), config.out());

    CliRun unknown = cli("proxy-config", "nobody", "--bootstrap-servers", stack.bootstrapServers());
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("no connected proxy nobody"), unknown.err());
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
