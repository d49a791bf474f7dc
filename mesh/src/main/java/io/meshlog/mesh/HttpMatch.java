package io.meshlog.mesh;

import java.util.Map;

/**
 * Conditions that must all hold for a request. Build with {@link #builder()}; every part is optional.
 *
 * @param uri null when the path is not matched
 * @param headers header name (lower case) -> match the header must satisfy
 * @param withoutHeaders header name (lower case) -> match the header must not satisfy
 * @param queryParams query parameter name -> match its value must satisfy (PRESENT: the parameter is there)
 * @param method null when the method is not matched
 * @param authority null when the authority (Host) is not matched
 * @param scheme null when the scheme is not matched
 * @param ignoreUriCase whether {@code uri} matches case-insensitively
 */
public record HttpMatch(
    String name,
    StringMatch uri,
    Map<String, StringMatch> headers,
    Map<String, StringMatch> withoutHeaders,
    Map<String, StringMatch> queryParams,
    StringMatch method,
    StringMatch authority,
    StringMatch scheme,
    boolean ignoreUriCase) {
  public HttpMatch {
    headers = Map.copyOf(headers);
    withoutHeaders = Map.copyOf(withoutHeaders == null ? Map.of() : withoutHeaders);
    queryParams = Map.copyOf(queryParams == null ? Map.of() : queryParams);
  }

  public HttpMatch(String name, StringMatch uri, Map<String, StringMatch> headers) {
    this(name, uri, headers, Map.of());
  }

  public HttpMatch(
      String name, StringMatch uri, Map<String, StringMatch> headers, Map<String, StringMatch> withoutHeaders) {
    this(name, uri, headers, withoutHeaders, Map.of(), null, null, null, false);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a match field by field; unset parts match anything. */
  public static final class Builder {
    private String name = "";
    private StringMatch uri;
    private Map<String, StringMatch> headers = Map.of();
    private Map<String, StringMatch> withoutHeaders = Map.of();
    private Map<String, StringMatch> queryParams = Map.of();
    private StringMatch method;
    private StringMatch authority;
    private StringMatch scheme;
    private boolean ignoreUriCase;

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder uri(StringMatch v) {
      uri = v;
      return this;
    }

    public Builder headers(Map<String, StringMatch> v) {
      headers = v;
      return this;
    }

    public Builder withoutHeaders(Map<String, StringMatch> v) {
      withoutHeaders = v;
      return this;
    }

    public Builder queryParams(Map<String, StringMatch> v) {
      queryParams = v;
      return this;
    }

    public Builder method(StringMatch v) {
      method = v;
      return this;
    }

    public Builder authority(StringMatch v) {
      authority = v;
      return this;
    }

    public Builder scheme(StringMatch v) {
      scheme = v;
      return this;
    }

    public Builder ignoreUriCase(boolean v) {
      ignoreUriCase = v;
      return this;
    }

    public HttpMatch build() {
      return new HttpMatch(name, uri, headers, withoutHeaders, queryParams, method, authority, scheme, ignoreUriCase);
    }
  }
}
