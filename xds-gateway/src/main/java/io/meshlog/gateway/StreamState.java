package io.meshlog.gateway;

import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.grpc.Status;
import io.meshlog.schemas.ProxyClasses;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

/**
 * What one ADS stream has been sent, per type URL. java-control-plane gives a ConfigWatcher no stream
 * identity, so {@link XdsStreams} attaches one of these to each gRPC call's Context. Guarded by the watcher's
 * lock.
 */
final class StreamState {
  private static long nextId = 0;

  final long id;
  /** SPIFFE id from the client certificate; null on plaintext. Set by {@link XdsStreams} before any request. */
  final String identity;
  /** Node id of the stream's first request. */
  String nodeId;
  // Written under the watcher's lock, read by OpenStreams on the feed thread.
  private volatile String proxyClass;
  private volatile Node firstNode;
  /** Ends the stream from the server side; set by {@link XdsStreams}. */
  volatile Runnable closer = () -> {};
  private volatile Status endStatus;
  /** Whether the stream's node was reported to the {@link ProxyListener}. */
  boolean announced;
  /** SotW: name -> version of the last response per type (rejected or not). */
  final Map<String, Map<String, String>> sotwSent = new HashMap<>();
  /** SotW: the resource names of the last request per type. */
  final Map<String, Set<String>> sotwNames = new HashMap<>();
  /** Delta: name -> version last sent per type, "" after a removal; overrides the server's acked view. */
  final Map<String, Map<String, String>> deltaSent = new HashMap<>();

  /** Delta: types for which the proxy subscribed to everything. */
  final Set<String> deltaWildcard = new HashSet<>();

  StreamState() {
    this(null);
  }

  StreamState(String identity) {
    synchronized (StreamState.class) {
      this.id = nextId++;
    }
    this.identity = identity;
  }

  /**
   * The stream's proxy class, from the node of its first request (later requests may omit the node) and the
   * Sidecar scopes: the shape from node metadata ({@code GENERATOR}), the scope by Istio's precedence from the
   * node's namespace and labels. With a certificate identity the namespace is the certificate's: metadata
   * cannot move a proxy into another namespace's scope. A router node (id {@code router~...}) gets the gateway class
   * its labels select instead. Resolved once per stream (see docs/architecture.md).
   */
  String proxyClass(Node node, ScopeDirectory directory) {
    if (proxyClass == null) {
      firstNode = node;
      proxyClass = classOf(node, directory);
    }
    return proxyClass;
  }

  /** The class resolved at the first request; null before it. */
  String resolvedClass() {
    return proxyClass;
  }

  /** The class this stream's node would resolve to under {@code directory}. */
  String classUnder(ScopeDirectory directory) {
    return classOf(firstNode, directory);
  }

  private String classOf(Node node, ScopeDirectory directory) {
    if (node.getId().startsWith(ProxyClasses.ROUTER_NODE_PREFIX)) {
      // A router (ingress gateway) gets its Gateway class whatever its namespace (Istio applies a Gateway's
      // selector in every namespace by default), in its namespace's variant when exportTo names the namespace.
      return directory.gatewayClassOf(routerNamespace(node), labels(node));
    }
    Map<String, String> metadata = stringMetadata(node);
    String namespace = identity != null ? PeerIdentity.parse(identity)[1] : metadata.get(NAMESPACE_KEY);
    return directory.classOf(ProxyClasses.of(metadata), namespace, labels(node));
  }

  /**
   * A router's namespace: its certificate's on mutual TLS (the id was checked to name it, {@link PeerIdentity}),
   * else metadata {@code NAMESPACE}, else the pod part of Istio's id {@code router~<ip>~<pod>.<ns>~<domain>}; null
   * when none tells.
   */
  private String routerNamespace(Node node) {
    if (identity != null) {
      return PeerIdentity.parse(identity)[1];
    }
    String claimed = stringMetadata(node).get(NAMESPACE_KEY);
    if (claimed != null && !claimed.isEmpty()) {
      return claimed;
    }
    String[] parts = node.getId().split("~", -1);
    int dot = parts.length == 4 ? parts[2].lastIndexOf('.') : -1;
    return dot > 0 ? parts[2].substring(dot + 1) : null;
  }

  /** Ends the stream with {@code status} (once). */
  void end(Status status) {
    endStatus = status;
    closer.run();
  }

  Status endStatus() {
    return endStatus;
  }

  /** The stream's class without scopes (tests and callers that have no directory). */
  String proxyClass(Node node) {
    return proxyClass(node, ScopeDirectory.EMPTY);
  }

  /** Istio's node metadata keys for the workload's namespace and its labels (a string map). */
  static final String NAMESPACE_KEY = "NAMESPACE";
  static final String LABELS_KEY = "LABELS";

  static Map<String, String> labels(Node node) {
    Map<String, String> out = new HashMap<>();
    Value labels = node.getMetadata().getFieldsOrDefault(LABELS_KEY, Value.getDefaultInstance());
    labels.getStructValue().getFieldsMap().forEach((k, v) -> {
      if (v.getKindCase() == Value.KindCase.STRING_VALUE) {
        out.put(k, v.getStringValue());
      }
    });
    return out;
  }

  static Map<String, String> stringMetadata(Node node) {
    Map<String, String> out = new HashMap<>();
    node.getMetadata().getFieldsMap().forEach((k, v) -> {
      if (v.getKindCase() == Value.KindCase.STRING_VALUE) {
        out.put(k, v.getStringValue());
      }
    });
    return out;
  }
}
