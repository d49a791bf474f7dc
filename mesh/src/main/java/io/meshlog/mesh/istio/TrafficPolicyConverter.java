package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.TrafficPolicy;
import java.util.Set;

/**
 * A DestinationRule or subset traffic policy: load balancing (simple or consistent hash, locality), connection
 * pool limits, outlier detection, TLS and port-level settings. The spec tree is already shape-checked, so values
 * have the right types.
 */
final class TrafficPolicyConverter {
  private TrafficPolicyConverter() {}

  static TrafficPolicy convert(
      io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy tp, JsonNode node, String path, Errors errors) {
    if (tp == null) {
      return TrafficPolicy.NONE;
    }
    Fields.onlySupported(node, path, errors,
        Set.of("loadBalancer", "connectionPool", "outlierDetection", "tls", "portLevelSettings"));
    TrafficPolicy.Builder b = fields(node, path, errors);
    if (node.hasNonNull("portLevelSettings")) {
      b.portLevelSettings(
          PortLevelSettingsConverter.convert(node.get("portLevelSettings"), path + ".portLevelSettings", errors));
    }
    return b.build();
  }

  /** The fields a policy shares with a port-level policy. */
  static TrafficPolicy.Builder fields(JsonNode node, String path, Errors errors) {
    TrafficPolicy.Builder b = TrafficPolicy.builder();
    if (node.hasNonNull("loadBalancer")) {
      LoadBalancerConverter.convert(node.get("loadBalancer"), path + ".loadBalancer", errors, b);
    }
    if (node.hasNonNull("connectionPool")) {
      b.connectionPool(ConnectionPoolConverter.convert(node.get("connectionPool"), path + ".connectionPool", errors));
    }
    if (node.hasNonNull("outlierDetection")) {
      b.outlierDetection(
          OutlierDetectionConverter.convert(node.get("outlierDetection"), path + ".outlierDetection", errors));
    }
    if (node.hasNonNull("tls")) {
      b.tls(ClientTlsConverter.convert(node.get("tls"), path + ".tls", errors));
    }
    return b;
  }
}
