package io.meshlog.history;

import io.meshlog.schemas.ProxyClasses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which proxy class each node was served, as gateways recorded on the proxies topic. {@code --proxy} takes a
 * node id or a class name.
 */
public final class ProxyDirectory {
  public static final List<String> CLASSES = List.of(ProxyClasses.SIDECAR, ProxyClasses.GRPC);

  /** One node as a gateway recorded it. */
  public record Node(String nodeId, String proxyClass, String gatewayId, Instant time) {
    public Node {
      Objects.requireNonNull(nodeId, "nodeId");
      Objects.requireNonNull(proxyClass, "proxyClass");
    }
  }

  private final Map<String, Node> nodes = new TreeMap<>();

  public ProxyDirectory(List<Node> recorded) {
    recorded.forEach(n -> nodes.put(n.nodeId(), n)); // latest record per node wins, as compaction keeps it
  }

  /**
   * The proxy class for a node id or class name (unscoped, or scoped by a Sidecar like {@code grpc@ns/name});
   * an unknown one is an error naming the known ones.
   */
  public String proxyClass(String proxy) {
    if (CLASSES.contains(proxy) || (ProxyClasses.isClass(proxy) && !nodes.containsKey(proxy))) {
      return proxy;
    }
    Node n = nodes.get(proxy);
    if (n == null) {
      throw new TimeTravelException("unknown proxy \"" + proxy + "\": no gateway has recorded a node with that id"
          + (nodes.isEmpty() ? "" : " (known: " + String.join(", ", nodes.keySet()) + ")")
          + "; or give a proxy class: " + String.join(", ", CLASSES) + " or one scoped by a Sidecar, like grpc@ns/name");
    }
    return n.proxyClass();
  }

  public Map<String, Node> nodes() {
    return Map.copyOf(nodes);
  }
}
