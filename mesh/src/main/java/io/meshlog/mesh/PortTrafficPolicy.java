package io.meshlog.mesh;

/**
 * A DestinationRule's {@code portLevelSettings} entry: the policy for one service port. As in Istio it replaces
 * the policy it sits next to as a whole (fields it leaves unset fall back to defaults, not to that policy).
 */
public record PortTrafficPolicy(int port, TrafficPolicy policy) {}
