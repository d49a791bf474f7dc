package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the envelope of one YAML document (apiVersion, kind, metadata) and canonicalizes its spec. */
final class IstioDocument {
  /** status is written by the API server, never by users, so objects copied from a cluster may carry it. */
  private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec", "status");
  /** annotations are accepted and not kept: none changes routing of these kinds. */
  private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");

  private IstioDocument() {}

  /**
   * @param label how to name the document while it has no usable identity, e.g. {@code apply.yaml document 2}
   * @return the object, or empty when its identity could not be read (errors say why)
   */
  static Optional<IstioObject> read(JsonNode doc, String label, String defaultNamespace, List<FieldError> out) {
    if (!doc.isObject()) {
      out.add(new FieldError(label, "", "must be a mapping with apiVersion, kind, metadata and spec"));
      return Optional.empty();
    }
    String apiVersion = text(doc.path("apiVersion"));
    String kind = text(doc.path("kind"));
    if (apiVersion == null || kind == null) {
      String field = apiVersion == null ? "apiVersion" : "kind";
      out.add(new FieldError(label, field, "required (a string)"));
      return Optional.empty();
    }
    if (IstioKind.of(apiVersion, kind).isEmpty()) {
      out.add(new FieldError(label, "kind", IstioKind.unknownMessage(apiVersion, kind)));
      return Optional.empty();
    }
    JsonNode metadata = doc.path("metadata");
    String namespace = metadata.has("namespace") ? text(metadata.path("namespace")) : defaultNamespace;
    String name = text(metadata.path("name"));
    Errors errors = new Errors(kind + " " + namespace + "/" + (name == null ? "<missing name>" : name));
    unknownFields(doc, "", TOP_LEVEL, errors);
    if (!metadata.isMissingNode() && !metadata.isObject()) {
      errors.add("metadata", "must be an object");
    }
    unknownFields(metadata, "metadata", METADATA, errors);
    if (name == null) {
      errors.add("metadata.name", "required (a string)");
    } else if (!Names.isDnsSubdomain(name)) {
      errors.add("metadata.name", "invalid name: lowercase letters, digits, '-' and '.', at most 253 characters");
    }
    if (namespace == null) {
      errors.add("metadata.namespace", "must be a string");
    } else if (!Names.isDnsLabel(namespace)) {
      errors.add("metadata.namespace", "invalid namespace: lowercase letters, digits and '-', at most 63 characters");
    }
    Map<String, String> labels = stringMap(metadata.path("labels"), "metadata.labels", errors);
    Names.checkLabels(labels, "metadata.labels", errors);
    stringMap(metadata.path("annotations"), "metadata.annotations", errors);
    JsonNode spec = doc.has("spec") && !doc.get("spec").isNull() ? doc.get("spec") : JsonNodeFactory.instance.objectNode();
    if (!spec.isObject()) {
      errors.add("spec", "must be an object");
    }
    out.addAll(errors.list());
    if (name == null || namespace == null || !spec.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new IstioObject(apiVersion, kind, namespace, name, labels, CanonicalJson.write(spec)));
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : null;
  }

  private static void unknownFields(JsonNode node, String path, Set<String> known, Errors errors) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        errors.add(JsonPath.field(path, f), "unknown field");
      }
    }
  }

  private static Map<String, String> stringMap(JsonNode node, String path, Errors errors) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      errors.add(path, "must be an object");
      return map;
    }
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        map.put(e.getKey(), e.getValue().textValue());
      } else {
        errors.add(JsonPath.field(path, e.getKey()), "must be a string");
      }
    });
    return map;
  }
}
