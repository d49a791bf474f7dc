package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.DirectResponse;
import io.meshlog.mesh.Redirect;
import java.util.Base64;
import java.util.Set;

/** A route's {@code redirect} and {@code directResponse}: the route answers instead of forwarding. */
final class ResponseActionConverter {
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

  private ResponseActionConverter() {}

  static Redirect redirect(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors,
        Set.of("uri", "authority", "port", "derivePort", "scheme", "redirectCode"));
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
    Redirect.DerivePort derive = switch (node.path("derivePort").asText("")) {
      case "FROM_REQUEST_PORT" -> Redirect.DerivePort.FROM_REQUEST_PORT;
      case "FROM_PROTOCOL_DEFAULT" -> Redirect.DerivePort.FROM_PROTOCOL_DEFAULT;
      default -> Redirect.DerivePort.UNSET; // the shape check refuses other values, and port with derivePort
    };
    if (uri.isEmpty() && !node.has("authority") && port == 0 && derive == Redirect.DerivePort.UNSET
        && scheme.isEmpty()) {
      errors.add(path, "one of uri, authority, port, derivePort or scheme is required");
    }
    return new Redirect(uri, node.path("authority").asText(""), port, scheme, code, derive);
  }

  static DirectResponse directResponse(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("status", "body"));
    int status = node.path("status").asInt(0);
    if (status < 200 || status > 599) {
      errors.add(path + ".status", "required, an HTTP status 200..599");
    }
    String body = null;
    String bytes = null;
    if (node.hasNonNull("body")) {
      Fields.onlySupported(node.get("body"), path + ".body", errors, Set.of("string", "bytes"));
      if (node.get("body").hasNonNull("bytes")) {
        bytes = node.get("body").get("bytes").asText("");
        try {
          Base64.getDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
          errors.add(path + ".body.bytes", "must be base64: " + e.getMessage());
        }
      } else {
        body = node.get("body").path("string").asText("");
      }
    }
    return new DirectResponse(status, body, bytes);
  }
}
