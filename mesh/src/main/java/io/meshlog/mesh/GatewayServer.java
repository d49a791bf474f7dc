package io.meshlog.mesh;

import java.util.List;

/**
 * One Gateway server: a port the router listens on and the hosts it accepts there.
 *
 * @param portName the server port's name, part of Istio's HTTPS route configuration name
 * @param hosts the hosts as written ({@code ns/host}; a host without a namespace is {@code * /host})
 * @param tls TLS termination of an HTTPS server; null for plaintext servers
 * @param httpsRedirect a plaintext HTTP server answers every request with a redirect to https
 */
public record GatewayServer(
    int port, Protocol protocol, String portName, List<GatewayHost> hosts, ServerTls tls, boolean httpsRedirect) {
  public GatewayServer {
    hosts = List.copyOf(hosts);
  }

  /** The protocols meshlog compiles: HTTP-like ones go to one HTTP connection manager per port. */
  public enum Protocol {
    HTTP, HTTP2, GRPC, HTTPS;

    /** Plaintext HTTP (any version): shares the port's {@code http.<port>} route configuration. */
    public boolean plaintextHttp() {
      return this != HTTPS;
    }
  }
}
