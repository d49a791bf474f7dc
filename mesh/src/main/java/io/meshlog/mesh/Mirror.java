package io.meshlog.mesh;

/**
 * A copy of a share of the requests sent, fire and forget, to another destination.
 *
 * @param destination where copies go (its weight is unused)
 * @param percent share of requests mirrored, 0..100
 */
public record Mirror(RouteDestination destination, double percent) {}
