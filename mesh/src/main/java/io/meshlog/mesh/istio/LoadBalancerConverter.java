package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.TrafficPolicy;
import java.util.Locale;
import java.util.Set;

/**
 * {@code loadBalancer}: {@code simple}, or {@code consistentHash} on a header or the source IP over a ring, and
 * {@code localityLbSetting}.
 */
final class LoadBalancerConverter {
  private LoadBalancerConverter() {}

  static void convert(JsonNode node, String path, Errors errors, TrafficPolicy.Builder out) {
    Fields.onlySupported(node, path, errors, Set.of("simple", "consistentHash", "localityLbSetting"));
    if (node.hasNonNull("simple")) {
      out.loadBalancer(simple(node.get("simple").asText()));
    }
    if (node.hasNonNull("consistentHash")) {
      out.consistentHash(consistentHash(node.get("consistentHash"), path + ".consistentHash", errors));
    }
    if (node.hasNonNull("localityLbSetting")) {
      out.localityLb(LocalityLbConverter.convert(node.get("localityLbSetting"), path + ".localityLbSetting", errors));
    }
  }

  /** UNSPECIFIED means the default; LEAST_CONN is Istio's deprecated name for LEAST_REQUEST. */
  private static TrafficPolicy.LoadBalancer simple(String name) {
    return switch (name) {
      case "ROUND_ROBIN" -> TrafficPolicy.LoadBalancer.ROUND_ROBIN;
      case "LEAST_CONN", "LEAST_REQUEST" -> TrafficPolicy.LoadBalancer.LEAST_REQUEST;
      case "RANDOM" -> TrafficPolicy.LoadBalancer.RANDOM;
      case "PASSTHROUGH" -> TrafficPolicy.LoadBalancer.PASSTHROUGH;
      default -> null;
    };
  }

  private static ConsistentHash consistentHash(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("httpHeaderName", "useSourceIp", "ringHash", "minimumRingSize"));
    long ring = node.path("minimumRingSize").asLong(0);
    if (node.hasNonNull("ringHash")) {
      Fields.onlySupported(node.get("ringHash"), path + ".ringHash", errors, Set.of("minimumRingSize"));
      ring = node.get("ringHash").path("minimumRingSize").asLong(0);
    }
    if (ring < 0 || ring > 8_388_608) {
      errors.add(path + ".ringHash.minimumRingSize", "must be 0..8388608");
    }
    if (node.hasNonNull("httpHeaderName")) {
      String header = node.get("httpHeaderName").asText();
      if (header.isEmpty()) {
        errors.add(path + ".httpHeaderName", "must not be empty");
      }
      return ConsistentHash.header(header.toLowerCase(Locale.ROOT), ring);
    }
    if (node.path("useSourceIp").asBoolean(false)) {
      return ConsistentHash.sourceIp(ring);
    }
    if (!node.has("httpCookie") && !node.has("httpQueryParameterName")) { // those are reported as unsupported
      errors.add(path, "one of httpHeaderName or useSourceIp: true is required");
    }
    return null;
  }
}
