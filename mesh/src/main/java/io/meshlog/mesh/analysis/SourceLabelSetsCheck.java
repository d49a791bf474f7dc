package io.meshlog.mesh.analysis;

import io.meshlog.mesh.ClientVariants;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.VirtualService;
import java.util.ArrayList;
import java.util.List;

/**
 * MLA0040: a VirtualService whose sourceLabels selectors, with those of the VirtualServices before it (by key),
 * would need more than {@link ClientVariants#MAX_LABEL_SETS} label-set classes. The compiler then compiles its
 * sourceLabels matches for no client (the same rule, {@link ClientVariants#of}), so they would never apply.
 */
final class SourceLabelSetsCheck implements Check {
  static final String CODE = "MLA0040";

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    List<MeshObject> all = new ArrayList<>(mesh.services);
    all.addAll(mesh.virtualServices);
    all.addAll(mesh.destinationRules);
    ClientVariants variants = ClientVariants.of(all);
    for (VirtualService vs : mesh.virtualServices) {
      if (variants.ignored().contains(vs.key())) {
        out.add(new Finding(CODE, Severity.ERROR, vs.ref().toString(), firstSourceLabels(vs),
            "its sourceLabels selectors, with the mesh's others, make more than " + ClientVariants.MAX_LABEL_SETS
                + " label sets (each one class per scope), so its sourceLabels matches would apply to no client",
            "match on fewer independent labels (selectors on one key, e.g. app, combine cheaply), or split the"
                + " routing by namespace (sourceNamespace) instead"));
      }
    }
  }

  private static String firstSourceLabels(VirtualService vs) {
    for (int i = 0; i < vs.http().size(); i++) {
      HttpRoute r = vs.http().get(i);
      for (int j = 0; j < r.matches().size(); j++) {
        if (!r.matches().get(j).sourceLabels().isEmpty()) {
          return "spec.http[" + i + "].match[" + j + "].sourceLabels";
        }
      }
    }
    for (String kind : List.of("tcp", "tls")) {
      List<L4Route> routes = kind.equals("tcp") ? vs.tcp() : vs.tls();
      for (int i = 0; i < routes.size(); i++) {
        for (int j = 0; j < routes.get(i).matches().size(); j++) {
          if (!routes.get(i).matches().get(j).sourceLabels().isEmpty()) {
            return "spec." + kind + "[" + i + "].match[" + j + "].sourceLabels";
          }
        }
      }
    }
    return "spec";
  }
}
