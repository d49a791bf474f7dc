package io.meshlog.mesh;

import java.util.List;

/**
 * How an HTTPS or TLS Gateway server terminates TLS. Certificates come either from {@code credentialName} (a
 * secret the proxy's agent serves over SDS), from files on the proxy, or (ISTIO_MUTUAL) are the mesh's own. PASSTHROUGH terminates nothing (every other field
 * is empty): the connection goes on encrypted, routed by its SNI.
 *
 * @param credentialName empty when the files are used
 * @param caCertificates MUTUAL with files: the CA bundle client certificates are verified against
 * @param subjectAltNames MUTUAL: client certificate SANs accepted (any if empty)
 * @param minProtocolVersion e.g. {@code TLSV1_2}; empty for Envoy's default
 */
public record ServerTls(
    Mode mode,
    String credentialName,
    String serverCertificate,
    String privateKey,
    String caCertificates,
    List<String> subjectAltNames,
    String minProtocolVersion,
    String maxProtocolVersion,
    List<String> cipherSuites) {
  public ServerTls {
    subjectAltNames = List.copyOf(subjectAltNames);
    cipherSuites = List.copyOf(cipherSuites);
  }

  /**
   * ISTIO_MUTUAL: the router terminates with its mesh certificate (the agent's SDS secrets) and requires a client
   * certificate of the mesh; no certificate fields.
   */
  public enum Mode { SIMPLE, MUTUAL, ISTIO_MUTUAL, PASSTHROUGH, AUTO_PASSTHROUGH }

  /** ISTIO_MUTUAL: only SANs and TLS parameters; the certificates are the mesh's. */
  public static ServerTls istioMutual(List<String> subjectAltNames, String min, String max, List<String> ciphers) {
    return new ServerTls(Mode.ISTIO_MUTUAL, "", "", "", "", subjectAltNames, min, max, ciphers);
  }

  /** Whether the router terminates TLS (every mode but the two passthrough ones). */
  public boolean terminates() {
    return mode != Mode.PASSTHROUGH && mode != Mode.AUTO_PASSTHROUGH;
  }

  /** PASSTHROUGH: no certificates, no TLS parameters. */
  public static ServerTls passthrough() {
    return new ServerTls(Mode.PASSTHROUGH, "", "", "", "", List.of(), "", "", List.of());
  }

  /**
   * AUTO_PASSTHROUGH (east-west gateways): no certificates either; the connection goes, unopened, to the cluster
   * its SNI names ({@code outbound_.<port>_.<subset>_.<host>}), with no VirtualService involved.
   */
  public static ServerTls autoPassthrough() {
    return new ServerTls(Mode.AUTO_PASSTHROUGH, "", "", "", "", List.of(), "", "", List.of());
  }
}
