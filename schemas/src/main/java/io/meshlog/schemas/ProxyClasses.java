package io.meshlog.schemas;

import java.util.Map;

/**
 * Proxies with the same view of the mesh form a class and share compiled resources, so the resource topic
 * grows with services + classes rather than services x proxies. The compiler writes resources per class; a
 * gateway maps each connecting node to its class from the node metadata, as istiod does.
 */
public final class ProxyClasses {
  private ProxyClasses() {}

  /** Envoy sidecars: outbound listeners per port with RDS. */
  public static final String SIDECAR = "sidecar";

  /** Proxyless gRPC clients: API listeners named host:port. */
  public static final String GRPC = "grpc";

  /** Istio's marker for proxyless gRPC: node metadata {@code GENERATOR: grpc}. */
  public static final String GENERATOR_KEY = "GENERATOR";

  public static String of(Map<String, String> nodeMetadata) {
    return "grpc".equals(nodeMetadata.get(GENERATOR_KEY)) ? GRPC : SIDECAR;
  }
}
