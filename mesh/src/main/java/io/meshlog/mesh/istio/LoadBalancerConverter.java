package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.TrafficPolicy;
import java.util.Locale;
import java.util.Set;

/**
 * {@code loadBalancer}: {@code simple}, or {@code consistentHash} (on a header, a cookie, a query parameter or
 * the source IP; over a ring or a Maglev table), and {@code localityLbSetting}.
 */
final class LoadBalancerConverter {
  private LoadBalancerConverter() {}

  /** Envoy's largest ring and Maglev table. */
  private static final long MAX_TABLE = 8_388_608;

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
    Fields.onlySupported(node, path, errors, Set.of("httpHeaderName", "httpCookie", "useSourceIp",
        "httpQueryParameterName", "ringHash", "maglev", "minimumRingSize"));
    ConsistentHash.Key key = key(node, path, errors);
    ConsistentHash.Table table = ConsistentHash.Table.RING;
    long size = node.path("minimumRingSize").asLong(0);
    if (node.hasNonNull("ringHash")) {
      Fields.onlySupported(node.get("ringHash"), path + ".ringHash", errors, Set.of("minimumRingSize"));
      size = node.get("ringHash").path("minimumRingSize").asLong(0);
      if (size < 0 || size > MAX_TABLE) {
        errors.add(path + ".ringHash.minimumRingSize", "must be 0.." + MAX_TABLE);
      }
    } else if (node.hasNonNull("maglev")) {
      Fields.onlySupported(node.get("maglev"), path + ".maglev", errors, Set.of("tableSize"));
      table = ConsistentHash.Table.MAGLEV;
      size = node.get("maglev").path("tableSize").asLong(0);
      // Envoy rejects a Maglev table whose size is not prime.
      if (size != 0 && (size > 5_000_011 || !isPrime(size))) {
        errors.add(path + ".maglev.tableSize", "must be a prime number up to 5000011 (Envoy's rule); e.g. 65537");
      }
    } else if (size < 0 || size > MAX_TABLE) {
      errors.add(path + ".minimumRingSize", "must be 0.." + MAX_TABLE);
    }
    return key == null ? null : new ConsistentHash(key, table, size);
  }

  /** One of the four keys (the shape check has already refused two of Istio's oneof). */
  private static ConsistentHash.Key key(JsonNode node, String path, Errors errors) {
    int set = (node.hasNonNull("httpHeaderName") ? 1 : 0) + (node.hasNonNull("httpCookie") ? 1 : 0)
        + (node.path("useSourceIp").asBoolean(false) ? 1 : 0) + (node.hasNonNull("httpQueryParameterName") ? 1 : 0);
    if (set == 0) {
      errors.add(path, "one of httpHeaderName, httpCookie, useSourceIp: true or httpQueryParameterName is required");
      return null;
    }
    if (node.hasNonNull("httpHeaderName")) {
      return new ConsistentHash.Header(nonEmpty(node, "httpHeaderName", path, errors).toLowerCase(Locale.ROOT));
    }
    if (node.hasNonNull("httpQueryParameterName")) {
      return new ConsistentHash.QueryParameter(nonEmpty(node, "httpQueryParameterName", path, errors));
    }
    if (node.hasNonNull("httpCookie")) {
      return cookie(node.get("httpCookie"), path + ".httpCookie", errors);
    }
    return new ConsistentHash.SourceIp();
  }

  private static ConsistentHash.Cookie cookie(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("name", "path", "ttl"));
    String name = nonEmpty(node, "name", path, errors);
    long ttl = -1;
    if (node.hasNonNull("ttl")) { // 0s is a session cookie
      ttl = Math.max(0, Durations.millis(node.get("ttl").asText(), path + ".ttl", errors, true));
    }
    return new ConsistentHash.Cookie(name, node.path("path").asText(""), ttl);
  }

  private static String nonEmpty(JsonNode node, String field, String path, Errors errors) {
    String v = node.path(field).asText("");
    if (v.isEmpty()) {
      errors.add(path + "." + field, "must not be empty");
    }
    return v;
  }

  private static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    for (long d = 2; d * d <= n; d++) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }
}
