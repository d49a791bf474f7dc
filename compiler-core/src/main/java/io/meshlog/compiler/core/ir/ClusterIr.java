package io.meshlog.compiler.core.ir;

import io.meshlog.mesh.Service;
import java.util.List;

/**
 * One cluster of a service port: the default one (subset empty) or one per DestinationRule subset.
 *
 * @param endpoints sorted by address and port
 * @param resolution the service's: DNS and DNS_ROUND_ROBIN make DNS clusters where the proxy supports them
 * @param portProtocol what the service port speaks: HTTP/2 ports (GRPC, HTTP2) need HTTP/2 to the endpoints
 */
public record ClusterIr(
    String name,
    String subset,
    ClusterPolicy policy,
    List<EndpointIr> endpoints,
    Service.Resolution resolution,
    PortProtocol portProtocol) {
  public ClusterIr {
    endpoints = List.copyOf(endpoints);
  }

  /** HTTP/2 for ports Istio treats as HTTP/2 (GRPC, GRPC-WEB, HTTP2); everything else is OTHER. */
  public enum PortProtocol {
    HTTP2, OTHER;

    public static PortProtocol of(String protocol) {
      String p = protocol == null ? "" : protocol.toUpperCase(java.util.Locale.ROOT);
      return p.equals("GRPC") || p.equals("GRPC-WEB") || p.equals("HTTP2") ? HTTP2 : OTHER;
    }
  }

  public LbPolicy lbPolicy() {
    return policy.lbPolicy();
  }
}
