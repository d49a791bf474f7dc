package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small helpers shared by the converters. */
final class Fields {
  private Fields() {}

  /**
   * Rejects every field of {@code object} outside {@code supported}: a field the model cannot carry would
   * change routing if honoured, so it is an error rather than silently dropped. A field counts as set unless
   * it is null or an empty list (an empty object such as {@code retries: {}} does change behaviour in Istio).
   */
  static void onlySupported(JsonNode object, String path, Errors errors, Set<String> supported) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      boolean set = !v.isNull() && !(v.isArray() && v.isEmpty());
      if (set && !supported.contains(f.getKey())) {
        errors.add(JsonPath.field(path, f.getKey()), "not supported yet");
      }
    }
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : value;
  }

  static <K, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : value;
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  static boolean isPort(Long n) {
    return n != null && n >= 1 && n <= 65535;
  }
}
