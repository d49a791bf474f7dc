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

/**
 * An HTTP match request: uri (optionally case-insensitive), headers and withoutHeaders (presence included),
 * queryParams, method, authority, scheme, where it applies (port and gateways) and to which clients
 * (sourceLabels, sourceNamespace).
 */
final class MatchConverter {
  private static final Set<String> SUPPORTED = Set.of(
      "name", "uri", "headers", "withoutHeaders", "queryParams", "method", "authority", "scheme", "ignoreUriCase",
      "port", "gateways", "sourceLabels", "sourceNamespace", "statPrefix");

  private MatchConverter() {}

  static HttpMatch convert(HTTPMatchRequest m, JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, SUPPORTED);
    return HttpMatch.builder()
        .name(Fields.text(m.getName()))
        .uri(valueMatch(m.getUri(), path + ".uri", errors))
        .headers(headers(m.getHeaders(), path + ".headers", errors))
        .withoutHeaders(headers(m.getWithoutHeaders(), path + ".withoutHeaders", errors))
        .queryParams(queryParams(m.getQueryParams(), path + ".queryParams", errors))
        .method(valueMatch(m.getMethod(), path + ".method", errors))
        .authority(valueMatch(m.getAuthority(), path + ".authority", errors))
        .scheme(valueMatch(m.getScheme(), path + ".scheme", errors))
        .ignoreUriCase(Boolean.TRUE.equals(m.getIgnoreUriCase()))
        .port(port(m.getPort(), path + ".port", errors))
        .gateways(Fields.list(m.getGateways()))
        .sourceLabels(Fields.map(m.getSourceLabels()))
        .sourceNamespace(Fields.text(m.getSourceNamespace()))
        .statPrefix(Fields.text(m.getStatPrefix()))
        .build();
  }

  private static int port(Long port, String path, Errors errors) {
    if (port == null) {
      return 0;
    }
    if (port < 1 || port > 65535) {
      errors.add(path, "must be a port number (1-65535), not " + port);
      return 0;
    }
    return port.intValue();
  }

  /** A match on a value that is always there (path, method...): presence means nothing, so it is rejected. */
  private static StringMatch valueMatch(
      io.fabric8.istio.api.api.networking.v1alpha3.StringMatch m, String path, Errors errors) {
    StringMatch sm = m == null ? null : stringMatch(m, path, errors);
    if (sm != null && sm.type() == StringMatch.Type.PRESENT) {
      errors.add(path, "one of exact, prefix or regex is required");
    }
    return sm;
  }

  /** Query parameters keep their case (they are case-sensitive); an empty match means present. */
  private static Map<String, StringMatch> queryParams(
      Map<String, io.fabric8.istio.api.api.networking.v1alpha3.StringMatch> in, String path, Errors errors) {
    Map<String, StringMatch> out = new LinkedHashMap<>();
    Fields.map(in).forEach((name, match) -> {
      if (match != null) {
        out.put(name, stringMatch(match, JsonPath.field(path, name), errors));
      }
    });
    return out;
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
