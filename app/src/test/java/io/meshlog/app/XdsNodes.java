package io.meshlog.app;

import io.grpc.NameResolverRegistry;
import io.grpc.xds.XdsNameResolverProvider;
import java.util.List;
import java.util.Map;

/**
 * Extra proxyless gRPC nodes in one JVM: grpc-java reads its default bootstrap once, so each further node gets its
 * own xDS client through a resolver scheme of its own ({@code <scheme>:///target}) with its own bootstrap.
 */
final class XdsNodes {
  private XdsNodes() {}

  /** A node {@code nodeId} of {@code namespace} labelled {@code app=<app>} (node metadata NAMESPACE, LABELS). */
  static void register(String scheme, String xdsAddress, String nodeId, String namespace, String app) {
    NameResolverRegistry.getDefaultRegistry().register(XdsNameResolverProvider.createForTest(scheme,
        Map.of("xds_servers", List.of(Map.of("server_uri", xdsAddress,
                "channel_creds", List.of(Map.of("type", "insecure")), "server_features", List.of("xds_v3"))),
            "node", Map.of("id", nodeId, "metadata", Map.of("GENERATOR", "grpc", "NAMESPACE", namespace,
                "LABELS", Map.of("app", app))))));
  }
}
