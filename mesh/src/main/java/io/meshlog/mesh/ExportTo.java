package io.meshlog.mesh;

import java.util.List;

/**
 * Istio's {@code exportTo} on ServiceEntry, VirtualService and DestinationRule: which namespaces' proxies see the
 * object. Empty means every namespace (Istio's default), {@code *} every namespace, {@code .} the object's own,
 * {@code ~} none, else the named namespaces.
 */
public final class ExportTo {
  private ExportTo() {}

  /** The exportTo of the objects that carry one; empty (everywhere) for the others. */
  public static List<String> of(MeshObject o) {
    if (o instanceof Service s) {
      return s.exportTo();
    }
    if (o instanceof VirtualService v) {
      return v.exportTo();
    }
    if (o instanceof DestinationRule d) {
      return d.exportTo();
    }
    return List.of();
  }

  /** Whether proxies in {@code consumerNamespace} see {@code o}. */
  public static boolean visibleTo(MeshObject o, String consumerNamespace) {
    List<String> exportTo = of(o);
    if (exportTo.isEmpty()) {
      return true;
    }
    for (String ns : exportTo) {
      if (ns.equals("*") || ns.equals(consumerNamespace)
          || (ns.equals(".") && o.ref().namespace().equals(consumerNamespace))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every namespace's proxies see {@code o}: exportTo unset or holding {@code *}. */
  public static boolean isPublic(MeshObject o) {
    return of(o).isEmpty() || of(o).contains("*");
  }

  /** Whether any namespace's proxies see {@code o}: false only for {@code ~} alone. */
  public static boolean exportedAnywhere(MeshObject o) {
    for (String ns : of(o)) {
      if (!ns.equals("~")) {
        return true;
      }
    }
    return of(o).isEmpty();
  }
}
