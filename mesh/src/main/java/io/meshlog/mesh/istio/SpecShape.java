package io.meshlog.mesh.istio;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a generic JSON tree against the shape of a fabric8 spec class before it is bound, so every unknown or
 * ill-typed field is reported with its path. Binding alone cannot do this: fabric8 classes keep unknown fields
 * in {@code additionalProperties}, map unknown enum values to null, and its deserializer for proto oneofs
 * ({@code @JsonUnwrapped} interfaces such as StringMatch's exact/prefix/regex) drops unknown fields.
 */
final class SpecShape {
  private final ObjectMapper mapper;
  private final Map<JavaType, Map<String, Prop>> beans = new ConcurrentHashMap<>();
  private final Map<Class<?>, Set<String>> enums = new ConcurrentHashMap<>();

  /**
   * A JSON property of a bean.
   *
   * @param oneof name of the oneof group it belongs to, null when it is a plain field
   * @param option the oneof alternative (subtype) declaring it
   */
  private record Prop(JavaType type, String oneof, Class<?> option) {}

  SpecShape(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void check(JsonNode node, Class<?> type, String path, Errors errors) {
    check(node, mapper.constructType(type), path, errors);
  }

  private void check(JsonNode node, JavaType type, String path, Errors errors) {
    if (node.isNull()) {
      return; // an explicit null is the same as unset
    }
    Class<?> raw = type.getRawClass();
    if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
      return; // free-form (protobuf Struct / Any)
    }
    if (raw == String.class) {
      require(node.isTextual(), "must be a string", path, errors);
    } else if (raw == Boolean.class || raw == boolean.class) {
      require(node.isBoolean(), "must be a boolean", path, errors);
    } else if (raw == Integer.class || raw == int.class) {
      checkInteger(node, 32, path, errors);
    } else if (raw == Long.class || raw == long.class) {
      checkInteger(node, 64, path, errors);
    } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
      require(node.isNumber(), "must be a number", path, errors);
    } else if (raw.isEnum()) {
      checkEnum(node, raw, path, errors);
    } else if (type.isCollectionLikeType() || type.isArrayType()) {
      checkList(node, type.getContentType(), path, errors);
    } else if (type.isMapLikeType()) {
      checkMap(node, type.getContentType(), path, errors);
    } else {
      checkBean(node, ModelGaps.fix(type, mapper), path, errors);
    }
  }

  private static void require(boolean ok, String message, String path, Errors errors) {
    if (!ok) {
      errors.add(path, message);
    }
  }

  private static void checkInteger(JsonNode node, int bits, String path, Errors errors) {
    if (!node.isIntegralNumber()) {
      errors.add(path, "must be an integer");
      return;
    }
    BigInteger v = node.bigIntegerValue();
    if (v.bitLength() >= bits) {
      errors.add(path, "integer out of range");
    }
  }

  private void checkEnum(JsonNode node, Class<?> raw, String path, Errors errors) {
    Set<String> allowed = enums.computeIfAbsent(raw, this::enumValues);
    if (!node.isTextual() || !allowed.contains(node.textValue())) {
      errors.add(path, "must be one of " + String.join(", ", allowed));
    }
  }

  private Set<String> enumValues(Class<?> raw) {
    Set<String> values = new LinkedHashSet<>();
    for (Object constant : raw.getEnumConstants()) {
      values.add(mapper.valueToTree(constant).asText());
    }
    return values;
  }

  private void checkList(JsonNode node, JavaType element, String path, Errors errors) {
    if (!node.isArray()) {
      errors.add(path, "must be a list");
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isNull()) {
        errors.add(JsonPath.index(path, i), "must not be null");
      } else {
        check(item, element, JsonPath.index(path, i), errors);
      }
    }
  }

  private void checkMap(JsonNode node, JavaType value, String path, Errors errors) {
    if (!node.isObject()) {
      errors.add(path, "must be an object");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      check(f.getValue(), value, JsonPath.field(path, f.getKey()), errors);
    }
  }

  private void checkBean(JsonNode node, JavaType type, String path, Errors errors) {
    if (!node.isObject()) {
      errors.add(path, "must be an object");
      return;
    }
    Map<String, Prop> props = beans.computeIfAbsent(type, this::propsOf);
    Map<String, String> chosen = new HashMap<>(); // oneof group -> first field seen of it
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String at = JsonPath.field(path, f.getKey());
      Prop prop = props.get(f.getKey());
      if (prop == null) {
        errors.add(at, "unknown field");
        continue;
      }
      if (prop.oneof() != null && !f.getValue().isNull()) {
        String first = chosen.putIfAbsent(prop.oneof(), f.getKey());
        if (first != null && props.get(first).option() != prop.option()) {
          errors.add(at, "cannot be set together with " + first + " (only one of them)");
          continue;
        }
      }
      check(f.getValue(), prop.type(), at, errors);
    }
  }

  private Map<String, Prop> propsOf(JavaType type) {
    BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
    Map<String, Prop> props = new LinkedHashMap<>();
    for (BeanPropertyDefinition d : bean.findProperties()) {
      if (!d.couldDeserialize() || "additionalProperties".equals(d.getName())) {
        continue;
      }
      JsonSubTypes options = d.getPrimaryType().getRawClass().getAnnotation(JsonSubTypes.class);
      if (isUnwrapped(d) && options != null) {
        for (JsonSubTypes.Type option : options.value()) {
          propsOf(mapper.constructType(option.value())).forEach((name, p) ->
              props.put(name, new Prop(p.type(), p.oneof() != null ? p.oneof() : d.getName(), option.value())));
        }
      } else {
        props.put(d.getName(), new Prop(d.getPrimaryType(), null, null));
      }
    }
    return props;
  }

  private static boolean isUnwrapped(BeanPropertyDefinition d) {
    for (AnnotatedMember m : new AnnotatedMember[] {d.getField(), d.getSetter(), d.getGetter()}) {
      if (m != null && m.hasAnnotation(JsonUnwrapped.class)) {
        return true;
      }
    }
    return false;
  }
}
