package io.meshlog.mesh.istio;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Kubernetes name and label rules (DNS-1123, qualified names), as the API server would apply them. */
final class Names {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private Names() {}

  static boolean isDnsLabel(String s) {
    return s.length() <= 63 && DNS_LABEL.matcher(s).matches();
  }

  static boolean isDnsSubdomain(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!isDnsLabel(part)) {
        return false;
      }
    }
    return true;
  }

  /** Checks label keys ({@code [prefix/]name}) and values. */
  static void checkLabels(Map<String, String> labels, String path, Errors errors) {
    if (labels == null) {
      return;
    }
    labels.forEach((key, value) -> {
      String at = JsonPath.field(path, key);
      if (!isLabelKey(key)) {
        errors.add(at, "invalid label key: must be [prefix/]name, name at most 63 characters of [A-Za-z0-9-_.]");
      }
      if (value != null && !value.isEmpty() && !(value.length() <= 63 && LABEL_NAME.matcher(value).matches())) {
        errors.add(at, "invalid label value \"" + value + "\": at most 63 characters of [A-Za-z0-9-_.]");
      }
    });
  }

  private static boolean isLabelKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && !isDnsSubdomain(key.substring(0, slash))) {
      return false;
    }
    return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
  }

  /** exportTo entries: "." (own namespace), "*" (all), "~" (none) or a namespace name. */
  static void checkExportTo(List<String> exportTo, String path, Errors errors) {
    for (int i = 0; i < exportTo.size(); i++) {
      String ns = exportTo.get(i);
      if (!(".".equals(ns) || "*".equals(ns) || "~".equals(ns) || isDnsLabel(ns))) {
        errors.add(JsonPath.index(path, i), "must be \".\", \"*\", \"~\" or a namespace name");
      }
    }
  }
}
