package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.HeaderOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A route's {@code headers}: request set/add/remove (response edits are not supported yet). */
final class HeaderOpsConverter {
  private HeaderOpsConverter() {}

  static HeaderOps request(JsonNode headers, String path, Errors errors) {
    Fields.onlySupported(headers, path, errors, Set.of("request"));
    JsonNode node = headers.path("request");
    String at = path + ".request";
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
