package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.DestinationHeaders;
import io.meshlog.mesh.HeaderOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code headers} of a route or of one destination: request and response set/add/remove. */
final class HeaderOpsConverter {
  private HeaderOpsConverter() {}

  static DestinationHeaders convert(JsonNode headers, String path, Errors errors) {
    Fields.onlySupported(headers, path, errors, Set.of("request", "response"));
    return new DestinationHeaders(ops(headers.path("request"), path + ".request", errors),
        ops(headers.path("response"), path + ".response", errors));
  }

  private static HeaderOps ops(JsonNode node, String at, Errors errors) {
    if (node.isMissingNode() || node.isNull()) {
      return HeaderOps.NONE;
    }
    Fields.onlySupported(node, at, errors, Set.of("set", "add", "remove"));
    List<String> remove = new ArrayList<>();
    node.path("remove").forEach(n -> remove.add(name(n.asText(), at + ".remove", errors)));
    return new HeaderOps(values(node.path("set"), at + ".set", errors), values(node.path("add"), at + ".add", errors),
        remove);
  }

  private static Map<String, String> values(JsonNode map, String path, Errors errors) {
    Map<String, String> out = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> out.put(name(e.getKey(), JsonPath.field(path, e.getKey()), errors),
        e.getValue().asText()));
    return out;
  }

  private static String name(String header, String path, Errors errors) {
    if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
      errors.add(path, "invalid header name \"" + header + "\"");
    }
    return header.toLowerCase(Locale.ROOT);
  }
}
