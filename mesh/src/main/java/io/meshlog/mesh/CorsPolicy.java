package io.meshlog.mesh;

import java.util.List;

/**
 * Istio's CorsPolicy for a route.
 *
 * @param allowOrigins origins allowed (any match allows)
 * @param maxAgeSeconds how long a preflight result may be cached, -1 when unset
 * @param allowCredentials null when unset
 * @param forwardUnmatchedPreflights unmatchedPreflights: FORWARD true, IGNORE false, null when unset (the proxy
 *     forwards them)
 */
public record CorsPolicy(
    List<StringMatch> allowOrigins,
    List<String> allowMethods,
    List<String> allowHeaders,
    List<String> exposeHeaders,
    long maxAgeSeconds,
    Boolean allowCredentials,
    Boolean forwardUnmatchedPreflights) {
  public CorsPolicy {
    allowOrigins = List.copyOf(allowOrigins);
    allowMethods = List.copyOf(allowMethods);
    allowHeaders = List.copyOf(allowHeaders);
    exposeHeaders = List.copyOf(exposeHeaders);
  }
}
