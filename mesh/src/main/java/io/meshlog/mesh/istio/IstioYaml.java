package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses multi-document Istio YAML (networking.istio.io v1alpha3, v1beta1, v1). */
public final class IstioYaml {
  private IstioYaml() {}

  /**
   * Parses and validates every document; returns them in document order, or throws with all problems found
   * (malformed YAML, unknown kind or apiVersion, unknown or ill-typed field, invalid value). Documents without
   * metadata.namespace get {@code defaultNamespace}.
   *
   * @param sourceName file name used in error messages
   */
  public static List<IstioObject> parse(String yaml, String sourceName, String defaultNamespace)
      throws ValidationException {
    YamlDocuments.Result read = YamlDocuments.read(yaml);
    List<FieldError> errors = new ArrayList<>();
    List<IstioObject> objects = new ArrayList<>();
    Map<ObjectRef, Integer> seen = new HashMap<>();
    for (int i = 0; i < read.documents().size(); i++) {
      JsonNode doc = read.documents().get(i);
      if (doc == null) {
        continue;
      }
      int number = i + 1;
      Optional<IstioObject> parsed = IstioDocument.read(doc, label(sourceName, number), defaultNamespace, errors);
      if (parsed.isEmpty()) {
        continue;
      }
      IstioObject object = parsed.get();
      Integer first = seen.putIfAbsent(object.ref(), number);
      if (first != null) {
        errors.add(new FieldError(object.ref().toString(), "metadata.name",
            "duplicate: " + label(sourceName, first) + " defines the same object"));
        continue;
      }
      errors.addAll(validate(object));
      objects.add(object);
    }
    if (read.syntaxError() != null) {
      errors.add(new FieldError(label(sourceName, read.syntaxError().document()), "", read.syntaxError().message()));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return List.copyOf(objects);
  }

  private static String label(String sourceName, int document) {
    return sourceName + " document " + document;
  }

  /** Validation is the conversion itself, so what ingest accepts the compiler can always decode. */
  private static List<FieldError> validate(IstioObject object) {
    try {
      IstioAdapter.toModel(object, "", "");
      return List.of();
    } catch (ValidationException e) {
      return e.errors();
    }
  }
}
