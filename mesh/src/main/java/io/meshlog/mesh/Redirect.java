package io.meshlog.mesh;

/**
 * Istio's HTTPRedirect: answer with a redirect instead of forwarding.
 *
 * @param uri replaces the whole path, empty to keep it
 * @param authority replaces the host, empty to keep it
 * @param port replaces the port, 0 to keep it
 * @param scheme replaces the scheme, empty to keep it
 * @param code 301 (Istio's default), 302, 303, 307 or 308
 * @param derivePort instead of {@code port}: the request's port, or the new scheme's default port
 */
public record Redirect(String uri, String authority, int port, String scheme, int code, DerivePort derivePort) {
  public enum DerivePort { UNSET, FROM_PROTOCOL_DEFAULT, FROM_REQUEST_PORT }

  /**
   * This redirect as served on a listener of {@code requestPort}. Envoy cannot copy the request's port, but a route
   * is compiled for one port, so FROM_REQUEST_PORT is that port, as istiod writes it; FROM_PROTOCOL_DEFAULT is
   * Envoy's behaviour when no port is given.
   */
  public Redirect servedOn(int requestPort) {
    return derivePort == DerivePort.FROM_REQUEST_PORT
        ? new Redirect(uri, authority, requestPort, scheme, code, derivePort)
        : this;
  }
}
