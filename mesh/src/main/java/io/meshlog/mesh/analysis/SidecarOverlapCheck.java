package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Sidecar;
import java.util.List;
import java.util.Map;

/**
 * MLA0015: two Sidecars of one namespace can apply to the same proxy at the same precedence: both without a
 * workloadSelector, or with selectors a workload could satisfy together (no shared label with different values).
 * Istio leaves this undefined (IST0109, IST0110); meshlog applies the first by name, so the other is reported.
 */
final class SidecarOverlapCheck implements Check {
  static final String CODE = "MLA0015";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    List<Sidecar> all = mesh.sidecars;
    for (int i = 0; i < all.size(); i++) {
      Sidecar later = all.get(i);
      for (int j = 0; j < i; j++) {
        Sidecar first = all.get(j);
        if (first.ref().namespace().equals(later.ref().namespace())
            && first.workloadSelector().isEmpty() == later.workloadSelector().isEmpty()
            && compatible(first.workloadSelector(), later.workloadSelector())) {
          boolean selectorless = later.workloadSelector().isEmpty();
          out.add(new Finding(CODE, Severity.WARNING, later.ref().toString(),
              selectorless ? "spec" : "spec.workloadSelector.labels",
              (selectorless ? "another Sidecar without workloadSelector in the namespace, "
                  : "a workload can be selected by this Sidecar and by ") + first.ref()
                  + ", which takes precedence (first by name)",
              selectorless ? "keep one Sidecar without workloadSelector per namespace"
                  : "make the selectors disjoint (a label both select with different values)"));
          break;
        }
      }
    }
  }

  /** Whether some label set satisfies both selectors. */
  private static boolean compatible(Map<String, String> a, Map<String, String> b) {
    for (Map.Entry<String, String> e : a.entrySet()) {
      String other = b.get(e.getKey());
      if (other != null && !other.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
