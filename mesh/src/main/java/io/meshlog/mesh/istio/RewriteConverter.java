package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.Rewrite;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A route's {@code rewrite}: path prefix or regex, and authority. */
final class RewriteConverter {
  private RewriteConverter() {}

  static Rewrite convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("uri", "authority", "uriRegexRewrite"));
    String regex = "";
    String substitution = "";
    if (node.hasNonNull("uriRegexRewrite")) {
      String at = path + ".uriRegexRewrite";
      JsonNode r = node.get("uriRegexRewrite");
      Fields.onlySupported(r, at, errors, Set.of("match", "rewrite"));
      regex = r.path("match").asText("");
      substitution = r.path("rewrite").asText("");
      if (regex.isEmpty()) {
        errors.add(at + ".match", "required");
      } else {
        try {
          Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          errors.add(at + ".match", "invalid regular expression: " + e.getDescription());
        }
      }
      if (node.hasNonNull("uri")) {
        errors.add(at, "cannot be set together with uri (only one of them)");
      }
    }
    String uri = node.path("uri").asText("");
    String authority = node.path("authority").asText("");
    if (uri.isEmpty() && regex.isEmpty() && authority.isEmpty()) {
      errors.add(path, "one of uri, uriRegexRewrite or authority is required");
    }
    return new Rewrite(uri, regex, substitution, authority);
  }
}
