package io.meshlog.schemas;

import io.meshlog.events.ObjectId;

/** Record keys of meshlog's topics, built in one place so every producer and reader agrees. */
public final class Keys {
  private Keys() {}

  /** Config topic key: kind/namespace/name. One object has one history, whichever registry wrote it. */
  public static String config(ObjectId id) {
    return id.getKind() + "/" + id.getNamespace() + "/" + id.getName();
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
