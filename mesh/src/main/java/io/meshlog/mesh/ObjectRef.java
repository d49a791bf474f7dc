package io.meshlog.mesh;

import java.util.Comparator;

/** Kind, namespace and name of a config object: how errors and history name it. */
public record ObjectRef(String kind, String namespace, String name) implements Comparable<ObjectRef> {
  private static final Comparator<ObjectRef> ORDER =
      Comparator.comparing(ObjectRef::kind).thenComparing(ObjectRef::namespace).thenComparing(ObjectRef::name);

  @Override
  public int compareTo(ObjectRef o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
