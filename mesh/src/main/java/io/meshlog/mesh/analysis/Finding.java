package io.meshlog.mesh.analysis;

import java.util.Comparator;

/**
 * One problem the analyzer found.
 *
 * @param code stable identifier, {@code MLA0001}...; documented in docs/analyze.md and never reused
 * @param object how the user names the object, e.g. {@code VirtualService demo/echo}
 * @param field JSON path of the field, e.g. {@code spec.http[0].route[1].destination.subset}
 * @param hint one line saying how to fix it
 */
public record Finding(String code, Severity severity, String object, String field, String message, String hint)
    implements Comparable<Finding> {
  private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::object)
      .thenComparing(Finding::field).thenComparing(Finding::code).thenComparing(Finding::message);

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * What the finding is about, to tell findings a change introduces from ones already there. The message, not
   * the field, because list indices move when an object is edited while the problem stays the same.
   */
  public String identity() {
    return code + " " + object + " " + message;
  }

  @Override
  public int compareTo(Finding o) {
    return ORDER.compare(this, o);
  }
}
