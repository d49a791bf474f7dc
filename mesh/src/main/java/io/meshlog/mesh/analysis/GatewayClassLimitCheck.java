package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Gateway;
import io.meshlog.schemas.SelectorSets;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * MLA0045: a Gateway whose selector the compiler leaves out. One gateway class is compiled per set of selectors a
 * router can match; past {@link Gateway#MAX_SELECTOR_SETS} sets, selectors are dropped (tried in canonical order,
 * {@link SelectorSets#capped}), so routers never get this Gateway's servers.
 */
final class GatewayClassLimitCheck implements Check {
  static final String CODE = "MLA0045";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    List<Map<String, String>> selectors = mesh.gateways.stream().map(Gateway::selector).toList();
    SortedSet<String> dropped = SelectorSets.capped(selectors, Gateway.MAX_SELECTOR_SETS).dropped();
    for (Gateway g : mesh.gateways) {
      if (dropped.contains(SelectorSets.canonical(g.selector()))) {
        out.add(new Finding(CODE, Severity.ERROR, g.ref().toString(), "spec.selector",
            "the Gateway selectors would make more than " + Gateway.MAX_SELECTOR_SETS + " sets a router can match "
                + "(one gateway class each); this selector, later in order, is left out and no router gets this "
                + "Gateway's servers",
            "select routers with fewer independent labels (e.g. all on one key such as istio), or reuse a selector"));
      }
    }
  }
}
