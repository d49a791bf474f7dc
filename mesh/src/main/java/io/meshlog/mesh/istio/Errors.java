package io.meshlog.mesh.istio;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one object so that the user sees all of them at once. */
final class Errors {
  private final String object;
  private final List<FieldError> list = new ArrayList<>();

  Errors(String object) {
    this.object = object;
  }

  void add(String field, String message) {
    list.add(new FieldError(object, field, message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<FieldError> list() {
    return List.copyOf(list);
  }

  void throwIfAny() throws ValidationException {
    if (!list.isEmpty()) {
      throw new ValidationException(list);
    }
  }
}
