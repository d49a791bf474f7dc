package io.meshlog.mesh.istio;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when input is rejected; carries every problem found, each naming the object and the field. */
public class ValidationException extends Exception {
  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
