package io.meshlog.ingest;

/** What an apply or delete did to one object. */
public record ObjectOutcome(String kind, String namespace, String name, Result result) {
  public enum Result { CREATED, CONFIGURED, UNCHANGED, DELETED, NOT_FOUND }

  /** kubectl-style line, e.g. {@code virtualservice demo/echo configured}. */
  public String describe(ApplyRequest.Mode mode) {
    String suffix = mode == ApplyRequest.Mode.DRY_RUN ? " (dry run)" : "";
    return kind.toLowerCase() + " " + namespace + "/" + name + " " + result.name().toLowerCase().replace('_', ' ')
        + suffix;
  }
}
