package io.meshlog.mesh;

import java.util.Map;

/**
 * Conditions that must all hold for a request.
 *
 * @param uri null when the path is not matched
 * @param headers header name (lower case) -> match
 */
public record HttpMatch(String name, StringMatch uri, Map<String, StringMatch> headers) {
  public HttpMatch {
    headers = Map.copyOf(headers);
  }
}
