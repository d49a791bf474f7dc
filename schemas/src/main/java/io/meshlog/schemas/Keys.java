package io.meshlog.schemas;

import io.meshlog.events.ObjectId;

/** Record keys of meshlog's topics, built in one place so every producer and reader agrees. */
public final class Keys {
  private Keys() {}

  /** Kind of a Kubernetes core Service on the config topic; unlike Istio kinds, it exists once per cluster. */
  public static final String KUBERNETES_SERVICE = "Service";

  /**
   * Config topic key: kind/namespace/name. One Istio object has one history, whichever registry wrote it. A
   * Kubernetes Service is keyed Service/cluster/namespace/name: the same name in two clusters is two objects
   * (merged into one mesh service by host).
   */
  public static String config(ObjectId id) {
    if (KUBERNETES_SERVICE.equals(id.getKind())) {
      return id.getKind() + "/" + id.getCluster() + "/" + id.getNamespace() + "/" + id.getName();
    }
    return id.getKind() + "/" + id.getNamespace() + "/" + id.getName();
  }

  /** Rejections topic key: registry/cluster/kind/namespace/name. */
  public static String rejection(ObjectId id) {
    return id.getRegistry() + "/" + id.getCluster() + "/" + id.getKind() + "/" + id.getNamespace() + "/" + id.getName();
  }

  /**
   * Source-configs topic key: registry/cluster/kind/namespace/name. Each registry's copy of an object has its own
   * key; the config topic holds the one copy in force.
   */
  public static String sourceConfig(ObjectId id) {
    return id.getRegistry() + "/" + id.getCluster() + "/" + id.getKind() + "/" + id.getNamespace() + "/" + id.getName();
  }

  /** Workload topic key: registry/cluster/namespace/name; the same name in two clusters is two workloads. */
  public static String workload(ObjectId id) {
    return id.getRegistry() + "/" + id.getCluster() + "/" + id.getNamespace() + "/" + id.getName();
  }

  /** Resource topic key. */
  public static String resource(String proxyClass, String typeUrl, String name) {
    return proxyClass + "|" + typeUrl + "|" + name;
  }
}
