package io.meshlog.mesh.istio;

/**
 * A problem with one field of one object.
 *
 * @param object how the user names the object, e.g. {@code VirtualService demo/echo} (or the file and document
 *     number when the document has no usable identity)
 * @param field JSON path of the field, e.g. {@code spec.http[0].route[1].weight}
 */
public record FieldError(String object, String field, String message) {
  @Override
  public String toString() {
    return object + ": " + field + ": " + message;
  }
}
