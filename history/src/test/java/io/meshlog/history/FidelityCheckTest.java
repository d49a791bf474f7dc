package io.meshlog.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.compiler.core.MeshCompiler;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A replay says when the log's resources came from another compiler version, and only then. */
class FidelityCheckTest {
  @Test
  void silentWhenEverythingWasCompiledByThisVersion() {
    assertEquals(Optional.empty(), FidelityCheck.warning(Set.of(MeshCompiler.VERSION)));
    assertEquals(Optional.empty(), FidelityCheck.warning(Set.of()));
  }

  @Test
  void namesTheOtherVersionsWhenTheyDiffer() {
    String warning = FidelityCheck.warning(Set.of(MeshCompiler.VERSION, "meshlog-compiler/0")).orElseThrow();
    assertTrue(warning.startsWith("warning: ") && warning.contains("meshlog-compiler/0")
        && warning.contains(MeshCompiler.VERSION), warning);
  }
}
