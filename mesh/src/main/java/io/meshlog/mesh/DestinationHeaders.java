package io.meshlog.mesh;

/** Header edits that apply only when a route sends a request to one destination. */
public record DestinationHeaders(HeaderOps request, HeaderOps response) {
  public static final DestinationHeaders NONE = new DestinationHeaders(HeaderOps.NONE, HeaderOps.NONE);

  public DestinationHeaders {
    request = request == null ? HeaderOps.NONE : request;
    response = response == null ? HeaderOps.NONE : response;
  }
}
