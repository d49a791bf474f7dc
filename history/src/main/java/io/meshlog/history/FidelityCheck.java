package io.meshlog.history;

import io.meshlog.compiler.core.MeshCompiler;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replay reproduces served bytes only with the compiler version that produced them. The resource records
 * carry their compiler version; this says when a replay's differs.
 */
public final class FidelityCheck {
  private FidelityCheck() {}

  public static Optional<String> warning(Set<String> servedCompilerVersions) {
    Set<String> other = new TreeSet<>(servedCompilerVersions);
    other.remove(MeshCompiler.VERSION);
    if (other.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("warning: resources on the log were compiled by " + String.join(", ", other)
        + "; this replay uses " + MeshCompiler.VERSION + ", so its bytes may differ from what was served");
  }
}
