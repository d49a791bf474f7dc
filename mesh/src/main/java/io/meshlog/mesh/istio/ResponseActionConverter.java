package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.DirectResponse;
import io.meshlog.mesh.Redirect;
import java.util.Set;

/** A route's {@code redirect} and {@code directResponse}: the route answers instead of forwarding. */
final class ResponseActionConverter {
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

  private ResponseActionConverter() {}

  static Redirect redirect(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("uri", "authority", "port", "scheme", "redirectCode"));
    int port = node.path("port").asInt(0);
    if (node.has("port") && (port < 1 || port > 65535)) {
      errors.add(path + ".port", "must be a port number 1..65535");
    }
    String scheme = node.path("scheme").asText("");
    if (!scheme.isEmpty() && !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      errors.add(path + ".scheme", "invalid scheme \"" + scheme + "\"");
    }
    int code = node.path("redirectCode").asInt(301); // Istio's default
    if (!REDIRECT_CODES.contains(code)) {
      errors.add(path + ".redirectCode", "must be one of 301, 302, 303, 307, 308");
    }
    String uri = node.path("uri").asText("");
    if (!uri.isEmpty() && !uri.startsWith("/")) {
      errors.add(path + ".uri", "must start with /");
    }
    if (uri.isEmpty() && !node.has("authority") && port == 0 && scheme.isEmpty()) {
      errors.add(path, "one of uri, authority, port or scheme is required");
    }
    return new Redirect(uri, node.path("authority").asText(""), port, scheme, code);
  }

  static DirectResponse directResponse(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("status", "body"));
    int status = node.path("status").asInt(0);
    if (status < 200 || status > 599) {
      errors.add(path + ".status", "required, an HTTP status 200..599");
    }
    String body = null;
    if (node.hasNonNull("body")) {
      Fields.onlySupported(node.get("body"), path + ".body", errors, Set.of("string"));
      body = node.get("body").path("string").asText("");
    }
    return new DirectResponse(status, body);
  }
}
