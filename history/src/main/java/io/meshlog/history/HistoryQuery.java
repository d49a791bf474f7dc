package io.meshlog.history;

import java.time.Instant;
import java.util.Locale;

/** Which changes {@code meshlog history} shows; every filter is optional (null: any). */
public record HistoryQuery(String kind, String name, String namespace, String cluster, String source,
    Instant since, Instant until) {

  public static Builder builder() {
    return new Builder();
  }

  boolean matches(LogEvent e) {
    var id = e.id();
    return (kind == null || id.getKind().toLowerCase(Locale.ROOT).equals(kind.toLowerCase(Locale.ROOT)))
        && (name == null || id.getName().equals(name))
        && (namespace == null || id.getNamespace().equals(namespace))
        && (cluster == null || id.getCluster().equals(cluster))
        && (source == null || id.getRegistry().equals(source) || e.source().equals(source))
        && (since == null || !e.time().isBefore(since))
        && (until == null || !e.time().isAfter(until));
  }

  public static final class Builder {
    private String kind;
    private String name;
    private String namespace;
    private String cluster;
    private String source;
    private Instant since;
    private Instant until;

    public Builder kind(String v) {
      kind = v;
      return this;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder namespace(String v) {
      namespace = v;
      return this;
    }

    public Builder cluster(String v) {
      cluster = v;
      return this;
    }

    public Builder source(String v) {
      source = v;
      return this;
    }

    public Builder since(Instant v) {
      since = v;
      return this;
    }

    public Builder until(Instant v) {
      until = v;
      return this;
    }

    public HistoryQuery build() {
      return new HistoryQuery(kind, name, namespace, cluster, source, since, until);
    }
  }
}
