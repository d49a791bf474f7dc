package io.meshlog.gateway;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.cache.DeltaResponse;
import io.envoyproxy.controlplane.cache.DeltaWatch;
import io.envoyproxy.controlplane.cache.DeltaXdsRequest;
import io.envoyproxy.controlplane.cache.Response;
import io.envoyproxy.controlplane.cache.Watch;
import io.envoyproxy.controlplane.cache.WatchCancelledException;
import io.envoyproxy.controlplane.cache.XdsRequest;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * meshlog's ConfigWatcher (instead of java-control-plane's SimpleCache): per-resource versions, an answer
 * only when something the proxy subscribed to changed, no re-send after a NACK, and watches for names that do
 * not exist yet stay open until they appear. Decisions are in {@link SotwResponder} / {@link DeltaResponder};
 * this class keeps the open watches and pushes to them when a class snapshot changes.
 *
 * <p>One lock guards the open watches and every stream's sent-state. Responding under it is safe: the server
 * sends on a direct executor and never calls back into the watcher while holding its own locks.
 */
public final class MeshConfigWatcher implements ConfigWatcher {
  private static final Logger log = LoggerFactory.getLogger(MeshConfigWatcher.class);

  private interface Open {
    String proxyClass();

    /** Answers if there is something to send; true when the watch is done (answered or cancelled). */
    boolean tryRespond(ClassSnapshot snapshot);
  }

  private final ClassSnapshots snapshots;
  private final ProxyListener proxies;
  private final SyncTracker sync;
  private final WatcherStats stats = new WatcherStats();
  private final Object lock = new Object();
  private final Set<Open> open = new LinkedHashSet<>();

  public MeshConfigWatcher(ClassSnapshots snapshots) {
    this(snapshots, ProxyListener.NONE);
  }

  /** With a listener told of each stream's node (id and proxy class) when its first request arrives. */
  public MeshConfigWatcher(ClassSnapshots snapshots, ProxyListener proxies) {
    this(snapshots, proxies, new SyncTracker(new GatewayMetrics("none"), node -> {}));
  }

  /** With a tracker told of every send, ACK and NACK (proxy status, metrics). */
  MeshConfigWatcher(ClassSnapshots snapshots, ProxyListener proxies, SyncTracker sync) {
    this.snapshots = snapshots;
    this.proxies = proxies;
    this.sync = sync;
    snapshots.addListener(this::onClassChanged);
  }

  public WatcherStats stats() {
    return stats;
  }

  /** Number of watches waiting for a change (for status and tests). */
  public int openWatches() {
    synchronized (lock) {
      return open.size();
    }
  }

  @Override
  public Watch createWatch(boolean ads, XdsRequest request, Set<String> knownResourceNames,
      Consumer<Response> responseConsumer, boolean hasClusterChanged, boolean allowDefaultEmptyEdsUpdate) {
    StreamState stream = XdsStreams.current();
    Watch watch = new Watch(ads, allowDefaultEmptyEdsUpdate, request, responseConsumer);
    stats.requested(request.getTypeUrl(), request.getResourceNamesList());
    String proxyClass = classify(stream, request.v3Request().getNode());
    String error = request.hasErrorDetail() ? request.v3Request().getErrorDetail().getMessage() : null;
    noteNack(stream, request.getTypeUrl(), request.v3Request().getNode(), error);
    sync.requested(stream, request.getTypeUrl(), request.v3Request().getVersionInfo(),
        request.v3Request().getResponseNonce(), error);
    register(watch::setStop, new Open() {
      @Override
      public String proxyClass() {
        return proxyClass;
      }

      @Override
      public boolean tryRespond(ClassSnapshot snapshot) {
        if (watch.isCancelled()) {
          return true;
        }
        Map<String, String> before = copy(stream.sotwSent.get(request.getTypeUrl()));
        Response r = SotwResponder.respond(stream, request, snapshot);
        if (r == null) {
          return false;
        }
        try {
          watch.respond(r);
          count(request.getTypeUrl(), r.resources().stream()
              .map(io.envoyproxy.controlplane.cache.Resources::getResourceName).toList());
          sync.sent(stream, request.getTypeUrl(), r.version(),
              entries(snapshot, request.getTypeUrl(), stream.sotwSent.get(request.getTypeUrl()).keySet()),
              List.of(), true);
          log.debug("sotw push stream={} class={} type={} version={} resources={}",
              stream.id, proxyClass, request.getTypeUrl(), r.version(), r.resources().size());
        } catch (WatchCancelledException e) {
          restore(stream.sotwSent, request.getTypeUrl(), before);
        }
        return true;
      }
    });
    return watch;
  }

  @Override
  public DeltaWatch createDeltaWatch(DeltaXdsRequest request, String requesterVersion,
      Map<String, String> resourceVersions, Set<String> pendingResources, boolean isWildcard,
      Consumer<DeltaResponse> responseConsumer, boolean hasClusterChanged) {
    StreamState stream = XdsStreams.current();
    // The server hands in its live maps; copy them so later stream updates do not race with pushes.
    DeltaWatch watch = new DeltaWatch(request, Map.copyOf(resourceVersions),
        Set.copyOf(pendingResources), requesterVersion, isWildcard, responseConsumer);
    stats.requested(request.getTypeUrl(), request.getResourceNamesSubscribeList());
    String proxyClass = classify(stream, request.v3Request().getNode());
    String error = request.hasErrorDetail() ? request.v3Request().getErrorDetail().getMessage() : null;
    noteNack(stream, request.getTypeUrl(), request.v3Request().getNode(), error);
    sync.requested(stream, request.getTypeUrl(), null, request.v3Request().getResponseNonce(), error);
    register(watch::setStop, new Open() {
      @Override
      public String proxyClass() {
        return proxyClass;
      }

      @Override
      public boolean tryRespond(ClassSnapshot snapshot) {
        if (watch.isCancelled()) {
          return true;
        }
        Map<String, String> before = copy(stream.deltaSent.get(request.getTypeUrl()));
        DeltaResponse r = DeltaResponder.respond(stream, watch, snapshot);
        if (r == null) {
          return false;
        }
        try {
          watch.respond(r);
          List<String> names = new ArrayList<>(r.resources().keySet());
          count(request.getTypeUrl(), names);
          sync.sent(stream, request.getTypeUrl(), r.version(), entries(snapshot, request.getTypeUrl(), names),
              r.removedResources(), false);
          log.debug("delta push stream={} class={} type={} changed={} removed={}",
              stream.id, proxyClass, request.getTypeUrl(), names, r.removedResources());
        } catch (WatchCancelledException e) {
          restore(stream.deltaSent, request.getTypeUrl(), before);
        }
        return true;
      }
    });
    return watch;
  }

  /** The stream's proxy class; the first time, tells the proxy listener (outside the lock: it may do I/O). */
  private String classify(StreamState stream, Node node) {
    String proxyClass;
    boolean first;
    synchronized (lock) {
      proxyClass = stream.proxyClass(node, snapshots.directory());
      first = !stream.announced;
      stream.announced = true;
      if (first) {
        stream.nodeId = node.getId();
        sync.opened(stream, node.getId(), proxyClass);
      }
    }
    if (first) {
      try {
        proxies.connected(node.getId(), proxyClass);
      } catch (RuntimeException e) {
        log.warn("proxy listener failed node={}: {}", node.getId(), e.getMessage());
      }
    }
    return proxyClass;
  }

  /** Answers at once if there is something to send, else keeps the watch open until a change. */
  private void register(Consumer<Runnable> setStop, Open watch) {
    synchronized (lock) {
      if (watch.tryRespond(snapshots.get(watch.proxyClass()))) {
        return;
      }
      open.add(watch);
    }
    // Cancellation (next request of the type, stream closed) just drops the open watch.
    setStop.accept(() -> {
      synchronized (lock) {
        open.remove(watch);
      }
    });
  }

  private void onClassChanged(String proxyClass) {
    synchronized (lock) {
      ClassSnapshot snapshot = snapshots.get(proxyClass);
      open.removeIf(w -> w.proxyClass().equals(proxyClass) && w.tryRespond(snapshot));
    }
  }

  private void count(String typeUrl, List<String> names) {
    stats.response(typeUrl);
    names.forEach(n -> stats.resourceSent(typeUrl, n));
  }

  /** A stream's end: it no longer counts for its node's status. */
  void streamClosed(StreamState stream) {
    synchronized (lock) {
      sync.closed(stream);
    }
  }

  private static Map<String, ClassSnapshot.Entry> entries(ClassSnapshot snapshot, String type,
      Iterable<String> names) {
    Map<String, ClassSnapshot.Entry> out = new HashMap<>();
    for (String n : names) {
      ClassSnapshot.Entry e = snapshot.get(type, n);
      if (e != null) {
        out.put(n, e);
      }
    }
    return out;
  }

  private void noteNack(StreamState stream, String typeUrl, Node node, String error) {
    if (error != null) {
      stats.nack(typeUrl);
      log.warn("proxy rejected config stream={} node={} type={} error={} (not re-sent until it changes)",
          stream.id, node.getId(), typeUrl, error);
    }
  }

  /** Undo the sent-state of a response that was never delivered (its watch was cancelled meanwhile). */
  private static void restore(Map<String, Map<String, String>> state, String type, Map<String, String> before) {
    if (before == null) {
      state.remove(type);
    } else {
      state.put(type, before);
    }
  }

  private static Map<String, String> copy(Map<String, String> m) {
    return m == null ? null : new HashMap<>(m);
  }
}
