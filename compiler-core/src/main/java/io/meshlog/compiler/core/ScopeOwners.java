package io.meshlog.compiler.core;

import io.meshlog.compiler.core.ir.UnitKey;

/** Owners of scoped output in the {@link ResourceTable}, next to the unscoped owners (UnitKey, port number). */
final class ScopeOwners {
  private ScopeOwners() {}

  /** One admitted service port's resources under a scope's classes. */
  record Unit(String scopeId, UnitKey unit) {}

  /** A scope's sidecar listener and route configuration of one port number. */
  record Port(String scopeId, int port) {}

  /** What depends on the Sidecar alone: its directory record and outbound-policy cluster. */
  record Scope(String scopeId) {}

  /** The directory record of the client variants ({@code views}). */
  record Views() {}

  /** Everything of one gateway class ({@code gateway@<selector>}), rebuilt as a whole when it changes. */
  record GatewayClass(String proxyClass) {}
}
