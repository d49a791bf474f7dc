package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.DestinationHeaders;
import io.meshlog.mesh.Mirror;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A route's mirrors: {@code mirror} with {@code mirrorPercentage} (or the deprecated integer
 * {@code mirrorPercent}), or the list {@code mirrors}. Without a percentage everything is mirrored, as in Istio.
 */
final class MirrorConverter {
  private MirrorConverter() {}

  static List<Mirror> convert(JsonNode route, String path, String namespace, Errors errors) {
    List<Mirror> out = new ArrayList<>();
    if (route.hasNonNull("mirror")) {
      if (route.hasNonNull("mirrors") && !route.get("mirrors").isEmpty()) {
        errors.add(path + ".mirrors", "cannot be set together with mirror (only one of them)");
      }
      double percent = 100;
      String at = path + ".mirrorPercent";
      if (route.hasNonNull("mirrorPercentage")) {
        percent = percentage(route.get("mirrorPercentage"), path + ".mirrorPercentage", errors);
        at = path + ".mirrorPercentage.value";
      } else if (route.hasNonNull("mirrorPercent")) {
        percent = route.get("mirrorPercent").asDouble();
      }
      check(percent, at, errors);
      out.add(new Mirror(dest(route.get("mirror"), path + ".mirror", namespace, errors), percent));
    } else if (route.hasNonNull("mirrorPercentage") || route.hasNonNull("mirrorPercent")) {
      errors.add(path + ".mirror", "required when a mirror percentage is set");
    }
    JsonNode list = route.path("mirrors");
    for (int i = 0; i < list.size() && !route.hasNonNull("mirror"); i++) {
      String at = path + ".mirrors[" + i + "]";
      JsonNode m = list.get(i);
      Fields.onlySupported(m, at, errors, Set.of("destination", "percentage"));
      double percent = m.hasNonNull("percentage") ? percentage(m.get("percentage"), at + ".percentage", errors) : 100;
      check(percent, at + ".percentage.value", errors);
      out.add(new Mirror(dest(m.path("destination"), at + ".destination", namespace, errors), percent));
    }
    return out;
  }

  private static io.meshlog.mesh.RouteDestination dest(JsonNode d, String path, String namespace, Errors errors) {
    return DestinationConverter.convert(d, path, namespace, 0, DestinationHeaders.NONE, errors);
  }

  private static double percentage(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("value"));
    return node.path("value").asDouble(0);
  }

  private static void check(double percent, String path, Errors errors) {
    if (percent < 0 || percent > 100) {
      errors.add(path, "must be 0..100");
    }
  }
}
