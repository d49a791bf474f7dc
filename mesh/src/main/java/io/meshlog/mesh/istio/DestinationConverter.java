package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.DestinationHeaders;
import io.meshlog.mesh.RouteDestination;
import java.util.Set;

/** A {@code destination} (host, subset, port) as routes and mirrors write it. */
final class DestinationConverter {
  private static final Set<String> FIELDS = Set.of("host", "subset", "port");

  private DestinationConverter() {}

  static RouteDestination convert(
      JsonNode dest, String path, String namespace, int weight, DestinationHeaders headers, Errors errors) {
    if (dest.isMissingNode() || dest.isNull()) {
      errors.add(path, "required");
      return new RouteDestination("", "", 0, weight, headers);
    }
    Fields.onlySupported(dest, path, errors, FIELDS);
    String host = dest.path("host").asText("");
    if (host.isEmpty()) {
      errors.add(path + ".host", "required");
    } else if (!Hosts.isHostname(host)) {
      errors.add(path + ".host", "invalid host \"" + host + "\": must be a DNS name");
    }
    int port = 0;
    JsonNode number = dest.path("port").path("number");
    if (!number.isMissingNode() && !number.isNull()) {
      if (Fields.isPort(number.asLong())) {
        port = number.asInt();
      } else {
        errors.add(path + ".port.number", "must be a port number 1..65535");
      }
    }
    return new RouteDestination(
        Hosts.qualify(host, namespace), dest.path("subset").asText(""), port, weight, headers);
  }
}
