package io.meshlog.mesh;

import java.util.List;

/**
 * What a route does besides choosing destinations. Every part is optional; build with {@link #builder()}.
 *
 * @param timeoutMillis whole-request timeout; 0 means none (streams may run forever, as in Istio)
 * @param retries null when the route sets no retry policy
 * @param fault null when no fault is injected
 * @param requestHeaders edits to the request headers, {@link HeaderOps#NONE} when none
 * @param responseHeaders edits to the response headers, {@link HeaderOps#NONE} when none
 * @param rewrite null when the request is forwarded unchanged
 * @param mirrors copies of the traffic, in the order written
 * @param cors null when the route has no CORS policy
 * @param redirect null unless the route answers with a redirect instead of forwarding
 * @param directResponse null unless the route answers by itself instead of forwarding
 */
public record RoutePolicy(
    long timeoutMillis,
    RetryPolicy retries,
    FaultPolicy fault,
    HeaderOps requestHeaders,
    HeaderOps responseHeaders,
    Rewrite rewrite,
    List<Mirror> mirrors,
    CorsPolicy cors,
    Redirect redirect,
    DirectResponse directResponse) {
  public static final RoutePolicy NONE = builder().build();

  public RoutePolicy {
    requestHeaders = requestHeaders == null ? HeaderOps.NONE : requestHeaders;
    responseHeaders = responseHeaders == null ? HeaderOps.NONE : responseHeaders;
    mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
  }

  public RoutePolicy(long timeoutMillis, RetryPolicy retries, FaultPolicy fault, HeaderOps requestHeaders) {
    this(timeoutMillis, retries, fault, requestHeaders, HeaderOps.NONE, null, List.of(), null, null, null);
  }

  /** Whether the route answers by itself (redirect or direct response) rather than forwarding. */
  public boolean answersItself() {
    return redirect != null || directResponse != null;
  }

  /** This policy as served on a listener of {@code requestPort} (see {@link Redirect#servedOn}). */
  public RoutePolicy servedOn(int requestPort) {
    if (redirect == null || redirect.servedOn(requestPort).equals(redirect)) {
      return this;
    }
    return new RoutePolicy(timeoutMillis, retries, fault, requestHeaders, responseHeaders, rewrite, mirrors, cors,
        redirect.servedOn(requestPort), directResponse);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a policy field by field; unset parts keep their "none" defaults. */
  public static final class Builder {
    private long timeoutMillis;
    private RetryPolicy retries;
    private FaultPolicy fault;
    private HeaderOps requestHeaders = HeaderOps.NONE;
    private HeaderOps responseHeaders = HeaderOps.NONE;
    private Rewrite rewrite;
    private List<Mirror> mirrors = List.of();
    private CorsPolicy cors;
    private Redirect redirect;
    private DirectResponse directResponse;

    public Builder timeoutMillis(long v) {
      timeoutMillis = v;
      return this;
    }

    public Builder retries(RetryPolicy v) {
      retries = v;
      return this;
    }

    public Builder fault(FaultPolicy v) {
      fault = v;
      return this;
    }

    public Builder requestHeaders(HeaderOps v) {
      requestHeaders = v;
      return this;
    }

    public Builder responseHeaders(HeaderOps v) {
      responseHeaders = v;
      return this;
    }

    public Builder rewrite(Rewrite v) {
      rewrite = v;
      return this;
    }

    public Builder mirrors(List<Mirror> v) {
      mirrors = v;
      return this;
    }

    public Builder cors(CorsPolicy v) {
      cors = v;
      return this;
    }

    public Builder redirect(Redirect v) {
      redirect = v;
      return this;
    }

    public Builder directResponse(DirectResponse v) {
      directResponse = v;
      return this;
    }

    public RoutePolicy build() {
      return new RoutePolicy(timeoutMillis, retries, fault, requestHeaders, responseHeaders, rewrite, mirrors, cors,
          redirect, directResponse);
    }
  }
}
