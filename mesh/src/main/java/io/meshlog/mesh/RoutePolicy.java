package io.meshlog.mesh;

/**
 * What a route does besides choosing destinations. Every part is optional.
 *
 * @param timeoutMillis whole-request timeout; 0 means none (streams may run forever, as in Istio)
 * @param retries null when the route sets no retry policy
 * @param fault null when no fault is injected
 * @param requestHeaders edits to the request headers, {@link HeaderOps#NONE} when none
 */
public record RoutePolicy(long timeoutMillis, RetryPolicy retries, FaultPolicy fault, HeaderOps requestHeaders) {
  public static final RoutePolicy NONE = builder().build();

  public RoutePolicy {
    requestHeaders = requestHeaders == null ? HeaderOps.NONE : requestHeaders;
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

    public RoutePolicy build() {
      return new RoutePolicy(timeoutMillis, retries, fault, requestHeaders);
    }
  }
}
