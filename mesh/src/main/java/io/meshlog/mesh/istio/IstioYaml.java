package io.meshlog.mesh.istio;

import java.util.List;

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
    throw new UnsupportedOperationException("TODO");
  }
}
