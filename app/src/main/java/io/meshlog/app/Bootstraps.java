package io.meshlog.app;

import io.meshlog.compiler.core.envoy.GrpcTlsFiles;
import java.nio.file.Path;
import java.util.List;

/** Bootstrap configs that point a client at a meshlog gateway. */
public final class Bootstraps {
  private Bootstraps() {}

  /** For grpc-java/grpc-go proxyless clients: set GRPC_XDS_BOOTSTRAP_CONFIG (or a file in GRPC_XDS_BOOTSTRAP). */
  public static String grpc(String xdsAddress, String nodeId) {
    return grpc(xdsAddress, nodeId, List.of(), null);
  }

  /** As {@link #grpc(String, String)}, with the node's locality (region and zone) when region is not null. */
  public static String grpc(String xdsAddress, String nodeId, String region, String zone) {
    return grpc(xdsAddress, nodeId, region, zone, List.of(), null);
  }

  /**
   * As {@link #grpc(String, String)}, defining a certificate provider instance for each DestinationRule SIMPLE or
   * MUTUAL file set the client's grpc clusters name ({@link GrpcFileProviders}); placeholderKey is needed only
   * when some set is CA-only ({@link GrpcFileProviders#needsPlaceholderKey}).
   */
  public static String grpc(String xdsAddress, String nodeId, List<GrpcTlsFiles> tls, Path placeholderKey) {
    return grpc(xdsAddress, nodeId, null, null, tls, placeholderKey);
  }

  private static String grpc(String xdsAddress, String nodeId, String region, String zone, List<GrpcTlsFiles> tls,
      Path placeholderKey) {
    String locality = region == null ? ""
        : ",\n    \"locality\": {\"region\": \"%s\", \"zone\": \"%s\"}".formatted(region, zone);
    String providers = tls.isEmpty() ? ""
        : ",\n  \"certificate_providers\": {\n    %s\n  }".formatted(GrpcFileProviders.json(tls, placeholderKey));
    return """
        {
          "xds_servers": [{
            "server_uri": "%s",
            "channel_creds": [{"type": "insecure"}],
            "server_features": ["xds_v3"]
          }],
          "node": {
            "id": "%s",
            "metadata": {"GENERATOR": "grpc"}%s
          }%s
        }
        """.formatted(xdsAddress, nodeId, locality, providers);
  }

  /** For an Envoy sidecar: ADS to the gateway over a static cluster named meshlog-xds. */
  public static String envoy(String xdsAddress, String nodeId) {
    String host = xdsAddress.substring(0, xdsAddress.lastIndexOf(':'));
    String port = xdsAddress.substring(xdsAddress.lastIndexOf(':') + 1);
    return """
        node:
          id: %s
          cluster: meshlog-demo
        dynamic_resources:
          ads_config:
            api_type: GRPC
            transport_api_version: V3
            grpc_services:
            - envoy_grpc: {cluster_name: meshlog-xds}
          lds_config: {ads: {}, resource_api_version: V3}
          cds_config: {ads: {}, resource_api_version: V3}
        static_resources:
          clusters:
          - name: meshlog-xds
            type: STRICT_DNS
            connect_timeout: 1s
            typed_extension_protocol_options:
              envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
                "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
                explicit_http_config: {http2_protocol_options: {}}
            load_assignment:
              cluster_name: meshlog-xds
              endpoints:
              - lb_endpoints:
                - endpoint: {address: {socket_address: {address: %s, port_value: %s}}}
        """.formatted(nodeId, host, port);
  }
}
