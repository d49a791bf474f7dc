package io.meshlog.mesh;

import java.util.Map;

/**
 * Conditions that must all hold for a request.
 *
 * @param uri null when the path is not matched
 * @param headers header name (lower case) -> match the header must satisfy
 * @param withoutHeaders header name (lower case) -> match the header must not satisfy
 */
public record HttpMatch(
    String name, StringMatch uri, Map<String, StringMatch> headers, Map<String, StringMatch> withoutHeaders) {
  public HttpMatch {
    headers = Map.copyOf(headers);
    withoutHeaders = Map.copyOf(withoutHeaders == null ? Map.of() : withoutHeaders);
  }

  public HttpMatch(String name, StringMatch uri, Map<String, StringMatch> headers) {
    this(name, uri, headers, Map.of());
  }
}
