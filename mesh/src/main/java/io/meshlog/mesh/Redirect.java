package io.meshlog.mesh;

/**
 * Istio's HTTPRedirect: answer with a redirect instead of forwarding.
 *
 * @param uri replaces the whole path, empty to keep it
 * @param authority replaces the host, empty to keep it
 * @param port replaces the port, 0 to keep it
 * @param scheme replaces the scheme, empty to keep it
 * @param code 301 (Istio's default), 302, 303, 307 or 308
 */
public record Redirect(String uri, String authority, int port, String scheme, int code) {}
