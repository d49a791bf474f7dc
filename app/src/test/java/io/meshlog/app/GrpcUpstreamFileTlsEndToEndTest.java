package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.xds.XdsChannelCredentials;
import io.meshlog.compiler.core.envoy.GrpcTlsFiles;
import io.meshlog.gateway.TestCerts;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DestinationRule {@code tls.mode} SIMPLE and MUTUAL with certificate files, for grpc-java's real xDS client: the
 * grpc cluster names the {@code file_watcher} instance that {@link Bootstraps} defines for those files (SIMPLE
 * without a CA file: the system roots); the backends are real gRPC servers that speak only TLS and record what each
 * call's connection showed. Every test first shows the same client failing against its backend without the rule,
 * so a cluster left plaintext fails it.
 */
class GrpcUpstreamFileTlsEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @RegisterExtension static final GrpcMeshStack MESH = new GrpcMeshStack("file-tls");
  @TempDir static Path dir;
  static TestCerts certs;
  static Path otherCa;
  static TestCerts.Pem client;
  static TlsBackends backends;

  @BeforeAll
  static void start() throws Exception {
    certs = new TestCerts(Files.createDirectories(dir.resolve("certs")));
    otherCa = new TestCerts(Files.createDirectories(dir.resolve("other"))).caFile();
    client = certs.client("client", "spiffe://cluster.local/ns/demo/sa/client");
    // grpc-java's system roots are the JDK's default trust store: here, one holding only the test CA.
    System.setProperty("javax.net.ssl.trustStore", trustStore(certs.caFile()).toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    backends = new TlsBackends(certs);
    List<GrpcTlsFiles> files = List.of(GrpcTlsFiles.parse("ca=" + certs.caFile()), GrpcTlsFiles.parse("ca=" + otherCa),
        GrpcTlsFiles.parse("cert=%s,key=%s,ca=%s".formatted(client.cert(), client.key(), certs.caFile())));
    Path placeholderKey = GrpcFileProviders.writePlaceholderKey(dir.resolve("placeholder-key.pem"));
    MESH.bootstrap(Bootstraps.grpc(MESH.stack().endpoints().xdsAddress(), "file-tls", files, placeholderKey));
  }

  @AfterAll
  static void stopBackends() {
    if (backends != null) {
      backends.close();
    }
  }

  @Test
  void simpleWithACaFileVerifiesTheServerAndSendsTheSni() throws Exception {
    ManagedChannel ch = servedAndRefusedInPlaintext("simple", false);
    String good = "tls: {mode: SIMPLE, caCertificates: \"%s\", sni: simple.example.com, subjectAltNames: [localhost]}"
        .formatted(certs.caFile());
    apply(MeshYaml.destinationRule("simple", good));
    Poll.until(CONVERGE, "the calls are made over TLS", () -> Answers.split(ch, 4).equals(Map.of("simple", 4)));
    backends.drain();
    assertEquals(Map.of("simple", 50), Answers.split(ch, 50));
    assertEquals(List.of(new TlsBackends.Seen("simple", true, List.of("simple.example.com"), "")),
        backends.drain().stream().distinct().toList(), "every call over TLS, with the rule's SNI, no client certificate");

    // The server is verified: trusting another CA, or requiring another name, a new channel's handshakes fail
    // (and pass again under the good rule, so each refusal is the refusing rule's).
    for (String refusing : List.of("tls: {mode: SIMPLE, caCertificates: \"%s\"}".formatted(otherCa),
        "tls: {mode: SIMPLE, caCertificates: \"%s\", subjectAltNames: [other.example.com]}".formatted(certs.caFile()))) {
      apply(MeshYaml.destinationRule("simple", refusing));
      Poll.until(CONVERGE, "the server is refused by " + refusing, () -> newChannelAnswers("simple", "error"));
      apply(MeshYaml.destinationRule("simple", good));
      Poll.until(CONVERGE, "the server is accepted again", () -> newChannelAnswers("simple", "simple"));
    }
  }

  @Test
  void mutualPresentsTheClientCertificate() throws Exception {
    ManagedChannel ch = servedAndRefusedInPlaintext("mutual", true);
    apply(MeshYaml.destinationRule("mutual", """
        tls: {mode: MUTUAL, clientCertificate: "%s", privateKey: "%s", caCertificates: "%s"}
        """.formatted(client.cert(), client.key(), certs.caFile())));
    Poll.until(CONVERGE, "the calls are made over mutual TLS", () -> Answers.split(ch, 4).equals(Map.of("mutual", 4)));
    backends.drain();
    assertEquals(Map.of("mutual", 50), Answers.split(ch, 50));
    assertEquals(List.of(new TlsBackends.Seen("mutual", true, List.of(), "CN=client")),
        backends.drain().stream().distinct().toList(), "every call over TLS with the client certificate");
  }

  @Test
  void simpleWithoutACaFileTrustsTheSystemRoots() throws Exception {
    ManagedChannel ch = servedAndRefusedInPlaintext("system", false);
    apply(MeshYaml.destinationRule("system", "tls: {mode: SIMPLE}"));
    Poll.until(CONVERGE, "the calls are made over TLS", () -> Answers.split(ch, 4).equals(Map.of("system", 4)));
    backends.drain();
    assertEquals(Map.of("system", 20), Answers.split(ch, 20));
    assertEquals(List.of(new TlsBackends.Seen("system", true, List.of(), "")),
        backends.drain().stream().distinct().toList(), "every call over TLS");
  }

  /** A TLS backend for the service, and a channel to it whose calls fail while its cluster is plaintext. */
  private static ManagedChannel servedAndRefusedInPlaintext(String app, boolean clientAuth) throws Exception {
    apply(MeshYaml.service(app, backends.start(app, clientAuth)));
    ManagedChannel ch = channel(app);
    Poll.until(CONVERGE, "the client has the plaintext cluster and fails", () -> Answers.split(ch, 4).equals(Map.of("error", 4)));
    assertEquals(Map.of("error", 10), Answers.split(ch, 10), "plaintext calls to a TLS backend all fail");
    return ch;
  }

  /** Whether 4 calls on a new channel to the app were all answered by {@code who} ("error": all failed). */
  private static boolean newChannelAnswers(String app, String who) {
    ManagedChannel fresh = channel(app);
    try {
      return Answers.split(fresh, 4).equals(Map.of(who, 4));
    } finally {
      fresh.shutdownNow();
    }
  }

  private static ManagedChannel channel(String app) {
    return MESH.xdsChannel(app + ".demo.svc:8080", XdsChannelCredentials.create(InsecureChannelCredentials.create()));
  }

  private static Path trustStore(Path caPem) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (var in = Files.newInputStream(caPem)) {
      store.setCertificateEntry("meshlog-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    Path file = dir.resolve("truststore.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    return file;
  }

  private static void apply(String yaml) throws Exception {
    MESH.apply(yaml);
  }
}
