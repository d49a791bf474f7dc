package io.meshlog.mesh;

/**
 * Istio's HTTPDirectResponse: answer with a fixed status (and body) instead of forwarding.
 *
 * @param body the response body as text ({@code body.string}), null when there is none or it is binary
 * @param bodyBase64 the response body as written in {@code body.bytes} (base64), null unless binary
 */
public record DirectResponse(int status, String body, String bodyBase64) {}
