package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.ClientTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code tls}: mode, SNI, accepted server names and certificate file paths (no Kubernetes secrets). */
final class ClientTlsConverter {
  private ClientTlsConverter() {}

  static ClientTls convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors,
        Set.of("mode", "sni", "subjectAltNames", "clientCertificate", "privateKey", "caCertificates"));
    ClientTls.Mode mode = ClientTls.Mode.valueOf(node.path("mode").asText("DISABLE"));
    List<String> sans = new ArrayList<>();
    node.path("subjectAltNames").forEach(n -> sans.add(n.asText()));
    for (int i = 0; i < sans.size(); i++) {
      if (sans.get(i).isEmpty()) {
        errors.add(JsonPath.index(path + ".subjectAltNames", i), "must not be empty");
      }
    }
    String cert = node.path("clientCertificate").asText("");
    String key = node.path("privateKey").asText("");
    String ca = node.path("caCertificates").asText("");
    if (mode == ClientTls.Mode.MUTUAL) {
      required(cert, path + ".clientCertificate", errors);
      required(key, path + ".privateKey", errors);
    } else if (mode == ClientTls.Mode.ISTIO_MUTUAL) {
      // The mesh's own certificates come from the proxy's secret source; files would contradict them.
      for (String f : List.of("clientCertificate", "privateKey", "caCertificates")) {
        if (!node.path(f).asText("").isEmpty()) {
          errors.add(path + "." + f, "cannot be set with mode ISTIO_MUTUAL");
        }
      }
    }
    return new ClientTls(mode, node.path("sni").asText(""), sans, cert, key, ca);
  }

  private static void required(String value, String path, Errors errors) {
    if (value.isEmpty()) {
      errors.add(path, "required with mode MUTUAL");
    }
  }
}
