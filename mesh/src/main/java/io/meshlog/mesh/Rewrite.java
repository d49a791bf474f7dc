package io.meshlog.mesh;

/**
 * Istio's HTTPRewrite, applied before forwarding.
 *
 * @param uriPrefix replaces the matched path prefix, empty when not rewritten
 * @param uriRegex the pattern of a regex rewrite, empty when none
 * @param uriRegexSubstitution what each match of {@code uriRegex} becomes
 * @param authority replaces the Host/authority header, empty when not rewritten
 */
public record Rewrite(String uriPrefix, String uriRegex, String uriRegexSubstitution, String authority) {}
