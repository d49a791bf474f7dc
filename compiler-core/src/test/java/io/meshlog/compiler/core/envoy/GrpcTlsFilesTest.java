package io.meshlog.compiler.core.envoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.ClientTls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The certificate provider instance a grpc cluster names and a bootstrap defines: one name, read both ways. */
class GrpcTlsFilesTest {
  @Test
  void theNameSpellsOutTheRulesFilesAndParsesBack() {
    ClientTls simple = new ClientTls(ClientTls.Mode.SIMPLE, "", List.of(), "", "", "/etc/certs/ca.pem");
    ClientTls mutual = new ClientTls(ClientTls.Mode.MUTUAL, "", List.of(), "/c.pem", "/c.key", "/ca.pem");
    assertEquals("file:ca=/etc/certs/ca.pem", GrpcTlsFiles.of(simple).instanceName());
    assertEquals("file:cert=/c.pem,key=/c.key,ca=/ca.pem", GrpcTlsFiles.of(mutual).instanceName());
    for (ClientTls tls : List.of(simple, mutual)) {
      GrpcTlsFiles files = GrpcTlsFiles.of(tls);
      assertEquals(files, GrpcTlsFiles.parse(files.spec()));
    }
    // The order of the parts does not matter when parsing; the name has one order.
    assertEquals("file:cert=/c.pem,key=/c.key",
        GrpcTlsFiles.parse("key=/c.key,cert=/c.pem").instanceName());
  }

  @Test
  void onlySimpleWithACaFileAndMutualNameFiles() {
    assertNull(GrpcTlsFiles.of(ClientTls.of(ClientTls.Mode.SIMPLE)), "SIMPLE without a CA file uses system roots");
    assertNull(GrpcTlsFiles.of(ClientTls.of(ClientTls.Mode.ISTIO_MUTUAL)));
    assertNull(GrpcTlsFiles.of(ClientTls.of(ClientTls.Mode.DISABLE)));
  }

  @Test
  void aSpecMustNameCaOrCertAndKey() {
    for (String bad : List.of("", "ca", "cert=/c.pem", "key=/k.pem,ca=/ca.pem", "ca=/a,ca=/b", "crt=/c,key=/k", "ca=")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GrpcTlsFiles.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("'" + bad + "': expected cert=FILE,key=FILE,ca=FILE"), e.getMessage());
    }
  }
}
