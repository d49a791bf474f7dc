package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.util.CertificateUtils;
import io.meshlog.compiler.core.envoy.GrpcTlsFiles;
import io.meshlog.mesh.ClientTls;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC bootstrap's certificate provider instances for DestinationRule files, and `up --grpc-tls`. */
class GrpcBootstrapTlsTest {
  @TempDir Path dir;

  @Test
  void eachFileSetBecomesAFileWatcherUnderTheNameItsClusterGivesIt() throws Exception {
    ClientTls simple = new ClientTls(ClientTls.Mode.SIMPLE, "", List.of(), "", "", "/etc/certs/ca.pem");
    ClientTls mutual = new ClientTls(ClientTls.Mode.MUTUAL, "", List.of(), "/c \"q\".pem", "C:\\k.pem", "/ca.pem");
    ClientTls mutualSystem = new ClientTls(ClientTls.Mode.MUTUAL, "", List.of(), "/c.pem", "/k.pem", "");
    Path placeholder = dir.resolve("placeholder.pem");
    JsonNode providers = new ObjectMapper().readTree(Bootstraps.grpc("127.0.0.1:15010", "n",
        List.of(GrpcTlsFiles.of(simple), GrpcTlsFiles.of(mutual), GrpcTlsFiles.of(mutualSystem)), placeholder))
        .get("certificate_providers");

    assertEquals(3, providers.size());
    // CA-only: grpc-java requires a certificate and key in every file_watcher; the roots-only instance never sends them.
    assertEquals(Map.of("certificate_file", "/etc/certs/ca.pem", "private_key_file", placeholder.toString(),
        "ca_certificate_file", "/etc/certs/ca.pem"), config(providers, GrpcTlsFiles.of(simple)));
    // Paths are JSON-escaped, and the name is the compiler's.
    assertEquals(Map.of("certificate_file", "/c \"q\".pem", "private_key_file", "C:\\k.pem",
        "ca_certificate_file", "/ca.pem"), config(providers, GrpcTlsFiles.of(mutual)));
    assertEquals(Map.of("certificate_file", "/c.pem", "private_key_file", "/k.pem",
        "ca_certificate_file", GrpcTlsFiles.SYSTEM_BUNDLE), config(providers, GrpcTlsFiles.of(mutualSystem)));
    providers.forEach(p -> assertEquals("file_watcher", p.get("plugin_name").asText()));
  }

  @Test
  void withoutFileSetsTheBootstrapDefinesNoProviders() throws Exception {
    JsonNode bootstrap = new ObjectMapper().readTree(Bootstraps.grpc("127.0.0.1:15010", "n"));
    assertFalse(bootstrap.has("certificate_providers"));
    assertEquals("127.0.0.1:15010", bootstrap.at("/xds_servers/0/server_uri").asText());
  }

  @Test
  void thePlaceholderKeyIsAnOwnerOnlyKeyGrpcReadsAndIsKept() throws Exception {
    Path key = GrpcFileProviders.writePlaceholderKey(dir.resolve("sub/placeholder.pem"));
    try (InputStream in = Files.newInputStream(key)) {
      assertEquals("EC", CertificateUtils.getPrivateKey(in).getAlgorithm());
    }
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
    String first = Files.readString(key);
    GrpcFileProviders.writePlaceholderKey(key);
    assertEquals(first, Files.readString(key), "an existing key is kept");
    assertTrue(GrpcFileProviders.needsPlaceholderKey(List.of(GrpcTlsFiles.parse("ca=/a.pem"))));
    assertFalse(GrpcFileProviders.needsPlaceholderKey(List.of(GrpcTlsFiles.parse("cert=/c,key=/k"))));
  }

  @Test
  void upRefusesABadGrpcTlsValueBeforeStartingAnything() {
    // Nothing listens on the Kafka port given: reaching Kafka before reading the option would fail differently.
    CliRun run = CliRun.of("up", "--data-dir", dir.resolve("data").toString(), "--bootstrap-servers", "127.0.0.1:1",
        "--grpc-tls", "cert=/c.pem,ca=/ca.pem");
    assertEquals(1, run.exit());
    assertEquals("error: 'cert=/c.pem,ca=/ca.pem': expected cert=FILE,key=FILE,ca=FILE (cert and key, ca, or all "
        + "three): cert and key go together\n", run.err());
    assertFalse(Files.exists(dir.resolve("data")), "nothing was started or written");
  }

  private static Map<String, String> config(JsonNode providers, GrpcTlsFiles files) {
    Map<String, String> out = new TreeMap<>();
    providers.get(files.instanceName()).get("config").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
