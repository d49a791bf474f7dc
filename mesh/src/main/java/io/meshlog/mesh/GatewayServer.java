package io.meshlog.mesh;

import java.util.List;

/**
 * One Gateway server: a port the router listens on and the hosts it accepts there.
 *
 * @param portName the server port's name, part of Istio's HTTPS route configuration name
 * @param hosts the hosts as written ({@code ns/host}; a host without a namespace is {@code * /host})
 * @param tls TLS settings of an HTTPS or TLS server (termination, or PASSTHROUGH); null for plaintext servers
 * @param httpsRedirect a plaintext HTTP server answers every request with a redirect to https
 */
public record GatewayServer(
    int port, Protocol protocol, String portName, List<GatewayHost> hosts, ServerTls tls, boolean httpsRedirect) {
  public GatewayServer {
    hosts = List.copyOf(hosts);
  }

  /** Whether the router forwards the TLS connection as it is, routed by SNI to VirtualService {@code tls} routes. */
  public boolean passthrough() {
    return tls != null && tls.mode() == ServerTls.Mode.PASSTHROUGH;
  }

  /** Whether the router forwards the connection unopened to the cluster its SNI names (east-west gateways). */
  public boolean autoPassthrough() {
    return tls != null && tls.mode() == ServerTls.Mode.AUTO_PASSTHROUGH;
  }

  /**
   * Whether the server's connections go to the bound VirtualServices' {@code tcp} routes: a TCP server, or a TLS
   * server that terminates TLS (istiod's buildGatewayNetworkFiltersFromTCPRoutes).
   */
  public boolean routesTcp() {
    return protocol == Protocol.TCP || (protocol == Protocol.TLS && tls != null && tls.terminates());
  }

  /**
   * The protocols meshlog compiles: HTTP-like ones go to one HTTP connection manager per port; HTTPS and TLS are
   * filter chains matched by SNI; TCP is one opaque chain per port.
   */
  public enum Protocol {
    HTTP, HTTP2, GRPC, HTTPS, TLS, TCP;

    /** Plaintext HTTP (any version): shares the port's {@code http.<port>} route configuration. */
    public boolean plaintextHttp() {
      return this == HTTP || this == HTTP2 || this == GRPC;
    }

    /** A TLS listener: the router reads the SNI (tls_inspector) and picks a filter chain by it. */
    public boolean sniMatched() {
      return this == HTTPS || this == TLS;
    }

    /**
     * What a listener on the port is, which the first server there decides (servers of another kind cannot share
     * it): plaintext HTTP, opaque TCP, or SNI-matched TLS.
     */
    public String portKind() {
      return plaintextHttp() ? "plaintext HTTP" : sniMatched() ? "TLS (SNI-matched)" : "TCP";
    }
  }
}
