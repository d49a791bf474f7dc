package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.StringMatch;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** An HTTP match request: uri and headers. */
final class MatchConverter {
  private static final Set<String> SUPPORTED = Set.of("name", "uri", "headers");

  private MatchConverter() {}

  static HttpMatch convert(HTTPMatchRequest m, JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, SUPPORTED);
    StringMatch uri = m.getUri() == null ? null : stringMatch(m.getUri(), path + ".uri", errors);
    Map<String, StringMatch> headers = new LinkedHashMap<>();
    Fields.map(m.getHeaders()).forEach((name, match) -> {
      String at = JsonPath.field(path + ".headers", name);
      // HTTP header names are case-insensitive; Envoy matches them lower-cased.
      String lower = name.toLowerCase(Locale.ROOT);
      if (headers.containsKey(lower)) {
        errors.add(at, "duplicate header " + lower + " (header names are case-insensitive)");
      } else if (match != null) {
        StringMatch sm = stringMatch(match, at, errors);
        if (sm != null) {
          headers.put(lower, sm);
        }
      }
    });
    return new HttpMatch(Fields.text(m.getName()), uri, headers);
  }

  private static StringMatch stringMatch(
      io.fabric8.istio.api.api.networking.v1alpha3.StringMatch m, String path, Errors errors) {
    Object type = m.getMatchType();
    if (type instanceof StringMatchExact e) {
      return StringMatch.exact(Fields.text(e.getExact()));
    }
    if (type instanceof StringMatchPrefix p) {
      return StringMatch.prefix(Fields.text(p.getPrefix()));
    }
    if (type instanceof StringMatchRegex r) {
      String regex = Fields.text(r.getRegex());
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException ex) {
        errors.add(path + ".regex", "invalid regular expression: " + ex.getDescription());
      }
      return StringMatch.regex(regex);
    }
    // An empty match means "present" for headers in Istio; the model has no such match yet.
    errors.add(path, "one of exact, prefix or regex is required (presence matches not supported yet)");
    return null;
  }
}
