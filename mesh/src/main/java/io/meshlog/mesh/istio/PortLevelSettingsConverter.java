package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.PortTrafficPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code portLevelSettings}: one policy per port number (a number twice would make the choice ambiguous). */
final class PortLevelSettingsConverter {
  private PortLevelSettingsConverter() {}

  static List<PortTrafficPolicy> convert(JsonNode list, String path, Errors errors) {
    List<PortTrafficPolicy> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String at = JsonPath.index(path, i);
      Fields.onlySupported(node, at, errors,
          Set.of("port", "loadBalancer", "connectionPool", "outlierDetection", "tls"));
      Fields.onlySupported(node.path("port"), at + ".port", errors, Set.of("number"));
      int port = node.path("port").path("number").asInt(0);
      if (port < 1 || port > 65535) {
        errors.add(at + ".port.number", "required, a port number 1..65535");
      } else if (!seen.add(port)) {
        errors.add(at + ".port.number", "duplicate port " + port);
      }
      out.add(new PortTrafficPolicy(port, TrafficPolicyConverter.fields(node, at, errors).build()));
    }
    return out;
  }
}
