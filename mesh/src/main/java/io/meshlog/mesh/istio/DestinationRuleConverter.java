package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Subset;
import io.meshlog.mesh.TrafficPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DestinationRule to the model: host qualified by namespace, simple load balancing, subsets. */
final class DestinationRuleConverter {
  private static final Set<String> SUPPORTED = Set.of("host", "trafficPolicy", "subsets", "exportTo");

  private DestinationRuleConverter() {}

  static DestinationRule convert(
      ObjectRef ref, io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule dr, JsonNode spec, Errors errors) {
    Fields.onlySupported(spec, "spec", errors, SUPPORTED);
    String host = Fields.text(dr.getHost());
    if (host.isEmpty()) {
      errors.add("spec.host", "required");
    } else if (!Hosts.isHostOrWildcard(host)) {
      errors.add("spec.host", "invalid host \"" + host + "\": must be a DNS name or a wildcard");
    }
    TrafficPolicy policy = TrafficPolicyConverter.convert(
        dr.getTrafficPolicy(), spec.path("trafficPolicy"), "spec.trafficPolicy", errors);
    List<Subset> subsets = new ArrayList<>();
    Set<String> names = new HashSet<>();
    var in = Fields.list(dr.getSubsets());
    for (int i = 0; i < in.size(); i++) {
      var s = in.get(i);
      String path = "spec.subsets[" + i + "]";
      JsonNode node = spec.path("subsets").path(i);
      Fields.onlySupported(node, path, errors, Set.of("name", "labels", "trafficPolicy"));
      String name = Fields.text(s.getName());
      if (name.isEmpty()) {
        errors.add(path + ".name", "required");
      } else if (!Names.isDnsLabel(name)) {
        errors.add(path + ".name", "invalid subset name \"" + name + "\": must be a DNS-1123 label");
      } else if (!names.add(name)) {
        errors.add(path + ".name", "duplicate subset " + name);
      }
      Map<String, String> labels = Fields.map(s.getLabels());
      Names.checkLabels(labels, path + ".labels", errors);
      TrafficPolicy own = TrafficPolicyConverter.convert(
          s.getTrafficPolicy(), node.path("trafficPolicy"), path + ".trafficPolicy", errors);
      subsets.add(new Subset(name, labels, own));
    }
    List<String> exportTo = Fields.list(dr.getExportTo());
    Names.checkExportTo(exportTo, "spec.exportTo", errors);
    return new DestinationRule(ref, Hosts.qualify(host, ref.namespace()), policy, subsets, exportTo);
  }
}
