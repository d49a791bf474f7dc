package io.meshlog.mesh.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

/** Parses YAML that must be rejected and returns what the user would be told. */
final class Rejections {
  static final String SOURCE = "test.yaml";

  private Rejections() {}

  static List<FieldError> errors(String yaml) {
    return assertThrows(ValidationException.class, () -> IstioYaml.parse(yaml, SOURCE, "default")).errors();
  }

  /** The single error of {@code yaml}; fails listing all of them when there are more. */
  static FieldError only(String yaml) {
    List<FieldError> errors = errors(yaml);
    assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
    return errors.get(0);
  }

  static void assertError(FieldError e, String object, String field) {
    assertEquals(object, e.object(), () -> "object of " + e);
    assertEquals(field, e.field(), () -> "field of " + e);
  }
}
