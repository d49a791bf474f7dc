package io.meshlog.ingest;

/**
 * One apply or delete of a multi-document YAML file.
 *
 * @param sourceName file name, for error messages
 * @param appliedBy who asks, recorded on every event for audit
 */
public record ApplyRequest(String yaml, String sourceName, String defaultNamespace, String appliedBy, Action action, Mode mode) {
  public enum Action { APPLY, DELETE }

  /** DRY_RUN validates and reports what would change, and publishes nothing. */
  public enum Mode { PUBLISH, DRY_RUN }
}
