package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.regex.Pattern;

/** Builds field paths as errors show them: {@code spec.http[0].route[1].weight}, {@code labels["app.io/x"]}. */
final class JsonPath {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private JsonPath() {}

  static String field(String parent, String name) {
    if (PLAIN.matcher(name).matches()) {
      return parent.isEmpty() ? name : parent + "." + name;
    }
    return parent + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** The path of the value Jackson failed on, under {@code root}. */
  static String of(JsonMappingException e, String root) {
    String path = root;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path = field(path, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path = index(path, ref.getIndex());
      }
    }
    return path;
  }
}
