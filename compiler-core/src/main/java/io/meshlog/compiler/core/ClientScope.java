package io.meshlog.compiler.core;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.Sidecar;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One scope {@link ScopeCompiler} compiles: a Sidecar's ({@code real}), or an implicit one standing for the
 * proxies of a namespace some exportTo or sourceNamespace names ({@code <ns>/*}), or for proxies matching a set of
 * sourceLabels selectors (a real or namespace scope's id, or {@code * /*} for the shared classes, then
 * {@code #<selector set>}). {@code sidecar} gives its id, egress hosts and outbound policy (an implicit namespace
 * or shared scope admits {@code * /*}).
 *
 * @param namespace the one namespace its proxies are in; empty for the root namespace's default Sidecar and the
 *     shared classes' label variants (proxies of the namespaces nothing names), which see the public view
 * @param labels labels that exactly its proxies' set of selectors match; empty when it is no label variant
 * @param ignored VirtualServices whose sourceLabels are not compiled (see {@link io.meshlog.mesh.ClientVariants})
 * @param exact whether a unit is compiled from its own view when that differs from the shared one; false only for
 *     the root namespace's default Sidecar, whose view is the shared one, which keeps it a pure re-keying
 */
record ClientScope(
    Sidecar sidecar,
    boolean real,
    Optional<String> namespace,
    Map<String, String> labels,
    Set<String> ignored,
    boolean exact) {

  String id() {
    return sidecar.scopeId();
  }

  /** The mesh as this scope's proxies see it. */
  MeshIndex view(MeshIndex index) {
    if (namespace.isPresent()) {
      return index.viewFor(namespace.get(), labels, ignored);
    }
    return index.publicView(labels, ignored);
  }
}
