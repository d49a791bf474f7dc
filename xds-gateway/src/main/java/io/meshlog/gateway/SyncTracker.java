package io.meshlog.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What each stream was sent per type and what its proxy ACKed or NACKed, aggregated per node id. Fed by
 * {@link MeshConfigWatcher}; read by the proxy-status publisher, the admin endpoints and metrics.
 *
 * <p>SotW: a request without error_detail ACKs its version_info; with error_detail it NACKs the version last
 * sent (version_info stays the last accepted one). Delta: a request carrying a nonce and no error ACKs the
 * last response. Only the server's latest nonce reaches the watcher (java-control-plane drops stale ones).
 */
final class SyncTracker {
  /** How one type of one proxy stands, as {@code istioctl proxy-status} says it. */
  enum Sync { SYNCED, STALE, NACKED, NOT_SENT }

  /** One type's status: last version sent, last accepted, the rejection of the sent one, last push (millis). */
  record TypeView(String sent, String acked, String error, long lastPush) {
    Sync sync() {
      if (sent == null) {
        return Sync.NOT_SENT;
      }
      if (error != null) {
        return Sync.NACKED;
      }
      return sent.equals(acked) ? Sync.SYNCED : Sync.STALE;
    }
  }

  /** One node on this gateway; with several streams, per type the least synced one. */
  record NodeView(String nodeId, String proxyClass, String identity, int streams, Map<String, TypeView> types) {}

  private static final class TypeSync {
    String sent;
    String acked;
    String error;
    long lastPush;
    long newestChange; // event time of the newest changed resource in the last push; 0 = nothing to time
    Map<String, ClassSnapshot.Entry> resources = Map.of();

    TypeView view() {
      return new TypeView(sent, acked, error, lastPush);
    }
  }

  private static final class StreamSync {
    final String nodeId;
    final String proxyClass;
    final String identity;
    final Map<String, TypeSync> types = new HashMap<>();

    StreamSync(String nodeId, String proxyClass, String identity) {
      this.nodeId = nodeId;
      this.proxyClass = proxyClass;
      this.identity = identity;
    }
  }

  private final Map<Long, StreamSync> streams = new HashMap<>();
  /**
   * The open streams of each node. The proxy-status flush asks for the view of every node pushed to in the
   * last 250 ms: scanning all streams for each was O(nodes x streams) under this object's lock (measured: 78% of
   * the gateway's CPU during a fan-out to 5,000 streams, with every xDS callback blocked behind it).
   */
  private final Map<String, List<StreamSync>> byNode = new HashMap<>();
  private final GatewayMetrics metrics;
  private final Consumer<String> onChange;

  /** {@code onChange} hears a node id whenever its view may have changed; it must not block. */
  SyncTracker(GatewayMetrics metrics, Consumer<String> onChange) {
    this.metrics = metrics;
    this.onChange = onChange;
  }

  synchronized void opened(StreamState stream, String nodeId, String proxyClass) {
    StreamSync s = new StreamSync(nodeId, proxyClass, stream.identity);
    StreamSync replaced = streams.put(stream.id, s);
    if (replaced != null) {
      unindex(replaced);
    }
    byNode.computeIfAbsent(nodeId, n -> new ArrayList<>(1)).add(s);
    onChange.accept(nodeId);
  }

  private void unindex(StreamSync s) {
    List<StreamSync> mine = byNode.get(s.nodeId);
    if (mine != null) {
      mine.remove(s);
      if (mine.isEmpty()) {
        byNode.remove(s.nodeId);
      }
    }
  }

  /**
   * A request arrived. {@code versionInfo} is the SotW version_info (null for delta), {@code error} the
   * error_detail message or null.
   */
  synchronized void requested(StreamState stream, String typeUrl, String versionInfo, String nonce, String error) {
    StreamSync s = streams.get(stream.id);
    if (s == null) {
      return;
    }
    TypeSync t = s.types.computeIfAbsent(typeUrl, k -> new TypeSync());
    if (error != null) {
      metrics.nack(typeUrl);
      t.error = error;
      if (versionInfo != null && !versionInfo.isEmpty()) {
        t.acked = versionInfo;
      }
      t.newestChange = 0; // a rejected push never converges
      onChange.accept(s.nodeId);
      return;
    }
    String accepted = versionInfo != null ? versionInfo : (nonce.isEmpty() ? null : t.sent);
    if (accepted == null || accepted.isEmpty() || (accepted.equals(t.acked) && t.error == null)) {
      return;
    }
    t.acked = accepted;
    if (accepted.equals(t.sent)) {
      t.error = null;
      if (t.newestChange > 0) {
        metrics.converged(typeUrl, System.currentTimeMillis() - t.newestChange);
        t.newestChange = 0;
      }
    }
    onChange.accept(s.nodeId);
  }

  /**
   * A response was delivered: {@code resources} are its resources (SotW: all the proxy now has; delta: the
   * changed ones, with {@code removed} names; SotW's map is kept as it is, so it must not change). Convergence is timed only for resources that changed while the
   * stream was open, not for a stream's first response (that would measure the mesh's age).
   */
  synchronized void sent(StreamState stream, String typeUrl, String version,
      Map<String, ClassSnapshot.Entry> resources, List<String> removed, boolean stateOfTheWorld) {
    StreamSync s = streams.get(stream.id);
    if (s == null) {
      return;
    }
    TypeSync t = s.types.computeIfAbsent(typeUrl, k -> new TypeSync());
    boolean first = t.sent == null;
    long newest = 0;
    long bytes = 0;
    for (Map.Entry<String, ClassSnapshot.Entry> e : resources.entrySet()) {
      ClassSnapshot.Entry before = t.resources.get(e.getKey());
      if (before == null || !before.version().equals(e.getValue().version())) {
        newest = Math.max(newest, e.getValue().eventTimeMillis());
      }
      bytes += e.getValue().resource().getSerializedSize();
    }
    if (stateOfTheWorld) {
      t.resources = resources; // the shared answer's immutable entries: all the proxy now has
    } else {
      Map<String, ClassSnapshot.Entry> now = new HashMap<>(t.resources);
      now.putAll(resources);
      removed.forEach(now::remove);
      t.resources = now;
    }
    t.sent = version;
    t.lastPush = System.currentTimeMillis();
    t.newestChange = first ? 0 : newest;
    metrics.pushed(typeUrl, bytes);
    onChange.accept(s.nodeId);
  }

  synchronized void closed(StreamState stream) {
    StreamSync s = streams.remove(stream.id);
    if (s != null) {
      unindex(s);
      onChange.accept(s.nodeId);
    }
  }

  /** The node's view on this gateway, or null when it has no open stream here. */
  synchronized NodeView view(String nodeId) {
    List<StreamSync> mine = byNode.getOrDefault(nodeId, List.of());
    if (mine.isEmpty()) {
      return null;
    }
    Map<String, TypeView> types = new TreeMap<>();
    for (StreamSync s : mine) {
      s.types.forEach((type, t) -> types.merge(type, t.view(), SyncTracker::lessSynced));
    }
    StreamSync first = mine.get(0);
    return new NodeView(nodeId, first.proxyClass, first.identity, mine.size(), types);
  }

  synchronized List<NodeView> views() {
    List<NodeView> out = new ArrayList<>();
    new TreeSet<>(byNode.keySet()).forEach(n -> out.add(view(n)));
    return out;
  }

  synchronized int nodes() {
    return byNode.size();
  }

  /** What the node's streams were last sent, per type and name (for config_dump). */
  synchronized Map<String, Map<String, ClassSnapshot.Entry>> resources(String nodeId) {
    Map<String, Map<String, ClassSnapshot.Entry>> out = new TreeMap<>();
    byNode.getOrDefault(nodeId, List.of()).forEach(s -> s.types.forEach(
        (type, t) -> out.computeIfAbsent(type, k -> new TreeMap<>()).putAll(t.resources)));
    return out;
  }

  private static TypeView lessSynced(TypeView a, TypeView b) {
    int ra = rank(a.sync());
    int rb = rank(b.sync());
    if (ra != rb) {
      return ra > rb ? a : b;
    }
    return a.lastPush() >= b.lastPush() ? a : b;
  }

  private static int rank(Sync s) {
    return switch (s) {
      case SYNCED -> 0;
      case NOT_SENT -> 1;
      case STALE -> 2;
      case NACKED -> 3;
    };
  }
}
