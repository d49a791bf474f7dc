package io.meshlog.mesh;

/** Istio's StringMatch: exactly one of exact, prefix or regex; or, for headers only, presence (empty match). */
public record StringMatch(Type type, String value) {
  public enum Type { EXACT, PREFIX, REGEX, PRESENT }

  public static StringMatch exact(String v) {
    return new StringMatch(Type.EXACT, v);
  }

  public static StringMatch prefix(String v) {
    return new StringMatch(Type.PREFIX, v);
  }

  public static StringMatch regex(String v) {
    return new StringMatch(Type.REGEX, v);
  }

  public static StringMatch present() {
    return new StringMatch(Type.PRESENT, "");
  }
}
