package io.meshlog.mesh;

import java.util.List;

/**
 * Istio's DestinationRule {@code tls}: how the client side of a connection to the upstream speaks TLS.
 *
 * @param sni empty when unset
 * @param clientCertificate file path on the proxy, empty when unset (MUTUAL needs it)
 * @param privateKey file path on the proxy, empty when unset (MUTUAL needs it)
 * @param caCertificates file path on the proxy, empty when unset
 */
public record ClientTls(
    Mode mode,
    String sni,
    List<String> subjectAltNames,
    String clientCertificate,
    String privateKey,
    String caCertificates) {
  public enum Mode { DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL }

  public ClientTls {
    subjectAltNames = List.copyOf(subjectAltNames);
  }

  public static ClientTls of(Mode mode) {
    return new ClientTls(mode, "", List.of(), "", "", "");
  }
}
