package io.meshlog.mesh;

/**
 * Istio's HTTPDirectResponse: answer with a fixed status (and body) instead of forwarding.
 *
 * @param body the response body, null when there is none
 */
public record DirectResponse(int status, String body) {}
