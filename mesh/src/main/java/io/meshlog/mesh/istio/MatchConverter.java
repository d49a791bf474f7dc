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

/** An HTTP match request: uri, headers and withoutHeaders (header presence included). */
final class MatchConverter {
  private static final Set<String> SUPPORTED = Set.of("name", "uri", "headers", "withoutHeaders");

  private MatchConverter() {}

  static HttpMatch convert(HTTPMatchRequest m, JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, SUPPORTED);
    StringMatch uri = m.getUri() == null ? null : stringMatch(m.getUri(), path + ".uri", errors);
    if (uri != null && uri.type() == StringMatch.Type.PRESENT) {
      errors.add(path + ".uri", "one of exact, prefix or regex is required");
    }
    return new HttpMatch(Fields.text(m.getName()), uri, headers(m.getHeaders(), path + ".headers", errors),
        headers(m.getWithoutHeaders(), path + ".withoutHeaders", errors));
  }

  /** Header matches by lower-cased name; an empty match means the header is present. */
  private static Map<String, StringMatch> headers(
      Map<String, io.fabric8.istio.api.api.networking.v1alpha3.StringMatch> in, String path, Errors errors) {
    Map<String, StringMatch> headers = new LinkedHashMap<>();
    Fields.map(in).forEach((name, match) -> {
      String at = JsonPath.field(path, name);
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
    return headers;
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
    // An empty match means "present" in Istio; callers where presence means nothing (uri) reject it.
    return StringMatch.present();
  }
}
