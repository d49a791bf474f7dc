package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.xds.XdsChannelCredentials;
import io.meshlog.gateway.TestCerts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DestinationRule {@code tls.mode: ISTIO_MUTUAL} for proxyless gRPC (gRFC A29): the grpc cluster names the
 * certificate provider instance {@code default} (workload certificate {@code default}, root {@code ROOTCA}), which
 * the client's bootstrap defines as a {@code file_watcher} over certificates made by a throwaway CA; the backend is
 * a real gRPC server requiring mutual TLS.
 */
class GrpcUpstreamTlsEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String BACKEND_ID = "spiffe://cluster.local/ns/demo/sa/secure";

  @TempDir static Path dir;
  static Stack stack;
  static Server backend;
  static ManagedChannel channel;

  @BeforeAll
  static void startStack() throws Exception {
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    TestCerts certs = new TestCerts(dir);
    TestCerts.Pem server = certs.workload("backend", BACKEND_ID);
    TestCerts.Pem client = certs.workload("client", "spiffe://cluster.local/ns/demo/sa/client");
    backend = Grpc.newServerBuilderForPort(0, TlsServerCredentials.newBuilder()
            .keyManager(server.cert().toFile(), server.key().toFile())
            .trustManager(certs.caFile().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build())
        .addService(Echo.service("secure"))
        .build()
        .start();
    // grpc-java reads its bootstrap once per JVM; surefire runs this class in a JVM of its own.
    System.setProperty("io.grpc.xds.bootstrapConfig", """
        {
          "xds_servers": [{"server_uri": "%s", "channel_creds": [{"type": "insecure"}], "server_features": ["xds_v3"]}],
          "node": {"id": "tls", "metadata": {"GENERATOR": "grpc"}},
          "certificate_providers": {
            "default": {
              "plugin_name": "file_watcher",
              "config": {"certificate_file": "%s", "private_key_file": "%s", "ca_certificate_file": "%s",
                         "refresh_interval": "600s"}
            }
          }
        }
        """.formatted(stack.endpoints().xdsAddress(), client.cert(), client.key(), certs.caFile()));
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (backend != null) {
      backend.shutdownNow();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void istioMutualSecuresTheCallsToAMutualTlsBackend() throws Exception {
    apply(MeshYaml.service("secure", backend.getPort()));
    channel = Grpc.newChannelBuilder("xds:///secure.demo.svc:8080",
        XdsChannelCredentials.create(InsecureChannelCredentials.create())).build();
    // Without the rule the cluster is plaintext and the TLS backend never answers.
    Poll.until(CONVERGE, "the client has the plaintext cluster and fails", () -> split(4).equals(Map.of("error", 4)));
    assertEquals(Map.of("error", 20), split(20), "plaintext calls to a mutual-TLS backend all fail");

    apply(MeshYaml.destinationRule("secure",
        "tls: {mode: ISTIO_MUTUAL, subjectAltNames: [\"%s\"]}".formatted(BACKEND_ID)));
    Poll.until(CONVERGE, "the calls are made over mutual TLS", () -> split(4).equals(Map.of("secure", 4)));
    Map<String, Integer> calls = split(100);
    assertEquals(Map.of("secure", 100), calls, "every call answered over mutual TLS: " + calls);

    // The backend's identity is checked: with another SAN required, a new channel's handshakes fail.
    apply(MeshYaml.destinationRule("secure",
        "tls: {mode: ISTIO_MUTUAL, subjectAltNames: [\"spiffe://cluster.local/ns/demo/sa/someone-else\"]}"));
    Poll.until(CONVERGE, "a backend with the wrong identity is refused", () -> {
      channel.shutdownNow();
      channel = Grpc.newChannelBuilder("xds:///secure.demo.svc:8080",
          XdsChannelCredentials.create(InsecureChannelCredentials.create())).build();
      return split(4).equals(Map.of("error", 4));
    });
  }

  /**
   * Without subjectAltNames, ISTIO_MUTUAL requires the identity of the endpoints' service accounts, as istiod does:
   * the backend (sa/secure) is accepted while its WorkloadEntry names that account and refused once it names another.
   */
  @Test
  void istioMutualWithoutSansRequiresTheEndpointsServiceAccount() throws Exception {
    apply(withServiceAccount("secure"));
    apply(MeshYaml.destinationRule("derived", "tls: {mode: ISTIO_MUTUAL}"));
    Poll.until(CONVERGE, "the endpoint's service account is the required identity", () -> {
      reconnect("derived");
      return split(4).equals(Map.of("secure", 4));
    });
    apply(withServiceAccount("intruder"));
    Poll.until(CONVERGE, "a backend without the endpoint's identity is refused", () -> {
      reconnect("derived");
      return split(4).equals(Map.of("error", 4));
    });
  }

  /** The backend as service {@code derived}, its WorkloadEntry naming {@code account}. */
  private static String withServiceAccount(String account) {
    return MeshYaml.service("derived", backend.getPort()).replace("labels: {app: derived, version: v1}",
        "labels: {app: derived, version: v1}\n  serviceAccount: " + account);
  }

  /** A fresh channel: grpc-java checks the server's identity when a connection is made. */
  private static void reconnect(String app) {
    if (channel != null) {
      channel.shutdownNow();
    }
    channel = Grpc.newChannelBuilder("xds:///" + app + ".demo.svc:8080",
        XdsChannelCredentials.create(InsecureChannelCredentials.create())).build();
  }

  private static Map<String, Integer> split(int n) {
    return Answers.split(channel, n);
  }

  private static void apply(String yaml) throws Exception {
    CliRun.apply(dir, stack.endpoints().ingestUrl(), yaml);
  }
}
