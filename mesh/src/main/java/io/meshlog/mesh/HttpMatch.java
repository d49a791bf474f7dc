package io.meshlog.mesh;

import java.util.List;
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
 * @param port the service (or gateway server) port the match is for; 0 for any
 * @param gateways where the match applies ({@code mesh}, Gateway names as written); empty: wherever its
 *     VirtualService does
 * @param sourceLabels labels the client workload must carry (empty: any); see {@link Client#admits}
 * @param sourceNamespace namespace the client workload must be in (empty: any)
 * @param statPrefix prefix of the statistics Envoy keeps for the route this match makes (empty: none)
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
    boolean ignoreUriCase,
    int port,
    List<String> gateways,
    Map<String, String> sourceLabels,
    String sourceNamespace,
    String statPrefix) {
  public HttpMatch {
    gateways = List.copyOf(gateways == null ? List.of() : gateways);
    sourceLabels = Map.copyOf(sourceLabels == null ? Map.of() : sourceLabels);
    sourceNamespace = sourceNamespace == null ? "" : sourceNamespace;
    statPrefix = statPrefix == null ? "" : statPrefix;
    headers = Map.copyOf(headers);
    withoutHeaders = Map.copyOf(withoutHeaders == null ? Map.of() : withoutHeaders);
    queryParams = Map.copyOf(queryParams == null ? Map.of() : queryParams);
  }

  public HttpMatch(String name, StringMatch uri, Map<String, StringMatch> headers) {
    this(name, uri, headers, Map.of());
  }

  public HttpMatch(
      String name, StringMatch uri, Map<String, StringMatch> headers, Map<String, StringMatch> withoutHeaders) {
    this(name, uri, headers, withoutHeaders, Map.of(), null, null, null, false, 0, List.of(), Map.of(), "",
        "");
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
    private int port;
    private List<String> gateways = List.of();
    private Map<String, String> sourceLabels = Map.of();
    private String sourceNamespace = "";
    private String statPrefix = "";

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

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder gateways(List<String> v) {
      gateways = v;
      return this;
    }

    public Builder sourceLabels(Map<String, String> v) {
      sourceLabels = v;
      return this;
    }

    public Builder sourceNamespace(String v) {
      sourceNamespace = v;
      return this;
    }

    public Builder statPrefix(String v) {
      statPrefix = v;
      return this;
    }

    public HttpMatch build() {
      return new HttpMatch(name, uri, headers, withoutHeaders, queryParams, method, authority, scheme, ignoreUriCase,
          port, gateways, sourceLabels, sourceNamespace, statPrefix);
    }
  }

  /**
   * Whether this match applies on {@code port} where {@code where} is served ({@code mesh} for sidecars and gRPC
   * clients, else a Gateway as {@code namespace/name}); {@code namespace} qualifies short Gateway names, as Istio
   * reads them in the VirtualService's namespace.
   */
  public boolean appliesAt(int servedPort, String where, String namespace) {
    return MatchPlace.applies(port, gateways, servedPort, where, namespace);
  }

  /** Whether this match of the VirtualService {@code vsKey} applies to {@code client} (see {@link Client#admits}). */
  public boolean appliesTo(Client client, String vsKey) {
    return client.admits(vsKey, gateways, sourceLabels, sourceNamespace);
  }

}
