package io.meshlog.gateway;

/**
 * Whether the gateway's resource feed may read the topic now. Production gateways use {@link #OPEN}; tests hold
 * the feed to build a backlog on demand (a gateway still catching up, or one falling behind the log) without
 * depending on how fast this machine is.
 */
@FunctionalInterface
public interface FeedGate {
  FeedGate OPEN = () -> false;

  /** True while the feed must read nothing (it keeps measuring its lag). */
  boolean held();
}
