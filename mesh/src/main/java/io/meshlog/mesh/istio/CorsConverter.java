package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.CorsPolicy;
import io.meshlog.mesh.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A route's {@code corsPolicy}; the deprecated {@code allowOrigin} strings are exact origin matches. */
final class CorsConverter {
  private static final Set<String> FIELDS = Set.of(
      "allowOrigins", "allowOrigin", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge", "allowCredentials",
      "unmatchedPreflights");

  private CorsConverter() {}

  static CorsPolicy convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, FIELDS);
    List<StringMatch> origins = new ArrayList<>();
    JsonNode matches = node.path("allowOrigins");
    for (int i = 0; i < matches.size(); i++) {
      origins.add(origin(matches.get(i), path + ".allowOrigins[" + i + "]", errors));
    }
    node.path("allowOrigin").forEach(o -> origins.add(StringMatch.exact(o.asText())));
    long maxAge = -1;
    if (node.hasNonNull("maxAge")) {
      long ms = Durations.millis(node.get("maxAge").asText(), path + ".maxAge", errors, true);
      maxAge = ms < 0 ? -1 : ms / 1000;
    }
    Boolean credentials = node.hasNonNull("allowCredentials") ? node.get("allowCredentials").asBoolean() : null;
    Boolean forward = switch (node.path("unmatchedPreflights").asText("")) {
      case "FORWARD" -> true;
      case "IGNORE" -> false;
      default -> null; // UNSPECIFIED (the shape check refuses other values)
    };
    return new CorsPolicy(origins, strings(node.path("allowMethods")), strings(node.path("allowHeaders")),
        strings(node.path("exposeHeaders")), maxAge, credentials, forward);
  }

  private static StringMatch origin(JsonNode m, String path, Errors errors) {
    Fields.onlySupported(m, path, errors, Set.of("exact", "prefix", "regex"));
    if (m.hasNonNull("exact")) {
      return StringMatch.exact(m.get("exact").asText());
    }
    if (m.hasNonNull("prefix")) {
      return StringMatch.prefix(m.get("prefix").asText());
    }
    if (m.hasNonNull("regex")) {
      try {
        Pattern.compile(m.get("regex").asText());
      } catch (PatternSyntaxException e) {
        errors.add(path + ".regex", "invalid regular expression: " + e.getDescription());
      }
      return StringMatch.regex(m.get("regex").asText());
    }
    errors.add(path, "one of exact, prefix or regex is required");
    return StringMatch.exact("");
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }
}
