package io.meshlog.history;

/**
 * One field that differs between two versions of an object, e.g. {@code spec.http[0].route[1].weight: 20 → 100}.
 * A missing side is null (the field was added or removed); values are JSON text.
 */
public record FieldChange(String path, String before, String after) {
  @Override
  public String toString() {
    return path + ": " + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after);
  }
}
