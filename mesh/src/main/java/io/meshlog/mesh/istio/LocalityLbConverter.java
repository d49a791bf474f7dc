package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.LocalityLb;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code localityLbSetting}. Every proxy of a class gets the same resources, so a rule that depends on the proxy's
 * own locality cannot be honoured: only a {@code distribute} entry from {@code *} and a single {@code failover}
 * entry are accepted; anything else is rejected rather than applied to the wrong proxies.
 */
final class LocalityLbConverter {
  private LocalityLbConverter() {}

  static LocalityLb convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("distribute", "failover", "enabled"));
    if (node.hasNonNull("enabled") && !node.get("enabled").asBoolean()) {
      return LocalityLb.disabled();
    }
    boolean distribute = node.path("distribute").size() > 0;
    boolean failover = node.path("failover").size() > 0;
    if (distribute && failover) {
      errors.add(path + ".failover", "cannot be set together with distribute");
      return null;
    }
    if (distribute) {
      return distribute(node.get("distribute"), path + ".distribute", errors);
    }
    return failover ? failover(node.get("failover"), path + ".failover", errors) : null;
  }

  private static LocalityLb distribute(JsonNode list, String path, Errors errors) {
    Map<String, Integer> to = new TreeMap<>();
    for (int i = 0; i < list.size(); i++) {
      String at = JsonPath.index(path, i);
      JsonNode entry = list.get(i);
      String from = entry.path("from").asText("");
      if (!"*".equals(from)) {
        errors.add(at + ".from", "only \"*\" is supported: one configuration serves proxies of every locality");
        continue;
      }
      if (!to.isEmpty()) {
        errors.add(at + ".from", "duplicate entry from \"*\"");
        continue;
      }
      int total = 0;
      for (var it = entry.path("to").fields(); it.hasNext(); ) {
        var f = it.next();
        int weight = f.getValue().asInt();
        if (!isPattern(f.getKey())) {
          errors.add(JsonPath.field(at + ".to", f.getKey()), "must be region[/zone[/subzone]], * as a last part");
        } else if (weight < 1) {
          errors.add(JsonPath.field(at + ".to", f.getKey()), "weight must be at least 1");
        }
        total += weight;
        to.put(f.getKey(), weight);
      }
      if (total != 100) {
        errors.add(at + ".to", "weights sum to " + total + ", must be 100");
      }
    }
    return to.isEmpty() ? null : LocalityLb.distribute(to);
  }

  private static LocalityLb failover(JsonNode list, String path, Errors errors) {
    for (int i = 1; i < list.size(); i++) {
      errors.add(JsonPath.index(path, i), "only one failover entry is supported: the proxy's region is not known");
    }
    JsonNode entry = list.get(0);
    String at = JsonPath.index(path, 0);
    String from = region(entry, "from", at, errors);
    String to = region(entry, "to", at, errors);
    if (!from.isEmpty() && from.equals(to)) {
      errors.add(at + ".to", "must differ from from");
    }
    return LocalityLb.failover(from, to);
  }

  private static String region(JsonNode entry, String field, String path, Errors errors) {
    String region = entry.path(field).asText("");
    if (region.isEmpty() || region.contains("/") || region.contains("*")) {
      errors.add(path + "." + field, "required, a region (no / or *)");
    }
    return region;
  }

  /** {@code region/zone/subzone} with {@code *} only as a whole, last part. */
  static boolean isPattern(String locality) {
    String[] parts = locality.split("/", -1);
    if (parts.length > 3) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      if (parts[i].isEmpty() || (parts[i].contains("*") && !(last && "*".equals(parts[i])))) {
        return false;
      }
    }
    return true;
  }
}
