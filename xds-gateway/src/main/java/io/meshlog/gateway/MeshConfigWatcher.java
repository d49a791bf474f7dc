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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * meshlog's ConfigWatcher (instead of java-control-plane's SimpleCache): per-resource versions, an answer
 * only when something the proxy subscribed to changed, no re-send after a NACK, and watches for names that do
 * not exist yet stay open until they appear. Decisions are in {@link SotwResponder} / {@link DeltaResponder};
 * this class keeps the open watches and pushes to them when a class snapshot changes.
 *
 * <p>State-of-the-world answers are built once per (class snapshot, type, names) and shared by every stream
 * ({@link SotwAnswers}), their resources already packed ({@link PackedResources}). A stream's first response
 * of a type needs a place at the {@link FirstResponseGate}; without one its watch waits, in arrival order, until
 * another stream ACKs its first response, ends, or overstays the hold time.
 *
 * <p>One lock guards the open and waiting watches, the gate and every stream's sent-state. Responding under it
 * is safe: the server sends on a direct executor and never calls back into the watcher while holding its own
 * locks.
 */
public final class MeshConfigWatcher implements ConfigWatcher {
  private static final Logger log = LoggerFactory.getLogger(MeshConfigWatcher.class);

  /** What became of a watch when it was tried. */
  private enum Outcome { ANSWERED, CANCELLED, NOTHING_TO_SEND, NO_PLACE }

  private abstract static class Open {
    private final String proxyClass;
    private final StreamState stream;
    private final String typeUrl;
    private final BooleanSupplier cancelled;

    Open(String proxyClass, StreamState stream, String typeUrl, BooleanSupplier cancelled) {
      this.proxyClass = proxyClass;
      this.stream = stream;
      this.typeUrl = typeUrl;
      this.cancelled = cancelled;
    }

    String proxyClass() {
      return proxyClass;
    }

    StreamState stream() {
      return stream;
    }

    String typeUrl() {
      return typeUrl;
    }

    boolean cancelled() {
      return cancelled.getAsBoolean();
    }

    /** Whether an answer now would be the stream's first of this type (it needs a place at the gate). */
    abstract boolean first();

    /** Answers if there is something to send. */
    abstract Outcome tryRespond(ClassSnapshot snapshot);
  }

  private final ClassSnapshots snapshots;
  private final ProxyListener proxies;
  private final SyncTracker sync;
  private final WatcherStats stats = new WatcherStats();
  private final Object lock = new Object();
  private final Set<Open> open = new LinkedHashSet<>();
  /** Watches with something to send but no place at the gate, oldest first. */
  private final Set<Open> waiting = new LinkedHashSet<>();
  private final SotwAnswers answers = new SotwAnswers();
  private final FirstResponseGate gate;

  public MeshConfigWatcher(ClassSnapshots snapshots) {
    this(snapshots, ProxyListener.NONE);
  }

  /** With a listener told of each stream's node (id and proxy class) when its first request arrives. */
  public MeshConfigWatcher(ClassSnapshots snapshots, ProxyListener proxies) {
    this(snapshots, proxies, new SyncTracker(new GatewayMetrics("none"), node -> {}), StreamLimits.defaults());
  }

  /** With a tracker told of every send, ACK and NACK (proxy status, metrics), and the first-response bound. */
  MeshConfigWatcher(ClassSnapshots snapshots, ProxyListener proxies, SyncTracker sync, StreamLimits limits) {
    this.snapshots = snapshots;
    this.proxies = proxies;
    this.sync = sync;
    this.gate = new FirstResponseGate(limits);
    snapshots.addListener(this::onClassChanged);
  }

  /** The first-response bound: places taken now and at most, and how many watches had to wait. */
  FirstResponseGate.Stats firstResponses() {
    synchronized (lock) {
      return gate.stats();
    }
  }

  /** State-of-the-world answers built so far (each shared by every stream asking the same). */
  long answersBuilt() {
    synchronized (lock) {
      return answers.built();
    }
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
    String type = request.getTypeUrl();
    register(watch::setStop, new Open(proxyClass, stream, type, watch::isCancelled) {
      @Override
      boolean first() {
        return !stream.sotwSent.containsKey(type);
      }

      @Override
      Outcome tryRespond(ClassSnapshot snapshot) {
        Map<String, String> before = stream.sotwSent.get(type); // shared and immutable: no copy needed
        SotwResponder.Reply reply = SotwResponder.respond(stream, request, snapshot, answers);
        if (reply == null) {
          return Outcome.NOTHING_TO_SEND;
        }
        try {
          watch.respond(reply.response());
          count(type, reply.answer().view().keySet());
          sync.sent(stream, type, reply.answer().version(), reply.answer().entries(), List.of(), true);
          log.debug("sotw push stream={} class={} type={} version={} resources={}",
              stream.id, proxyClass, type, reply.answer().version(), reply.answer().view().size());
          return Outcome.ANSWERED;
        } catch (WatchCancelledException e) {
          restore(stream.sotwSent, type, before);
          return Outcome.CANCELLED;
        }
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
    String type = request.getTypeUrl();
    register(watch::setStop, new Open(proxyClass, stream, type, watch::isCancelled) {
      @Override
      boolean first() {
        return !stream.deltaSent.containsKey(type);
      }

      @Override
      Outcome tryRespond(ClassSnapshot snapshot) {
        Map<String, String> before = copy(stream.deltaSent.get(type));
        DeltaResponse r = DeltaResponder.respond(stream, watch, snapshot);
        if (r == null) {
          return Outcome.NOTHING_TO_SEND;
        }
        try {
          watch.respond(r);
          List<String> names = new ArrayList<>(r.resources().keySet());
          count(type, names);
          sync.sent(stream, type, r.version(), entries(snapshot, type, names), r.removedResources(), false);
          log.debug("delta push stream={} class={} type={} changed={} removed={}",
              stream.id, proxyClass, type, names, r.removedResources());
          return Outcome.ANSWERED;
        } catch (WatchCancelledException e) {
          restore(stream.deltaSent, type, before);
          return Outcome.CANCELLED;
        }
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

  /**
   * Answers at once if there is something to send and (for a first response) a place at the gate; else keeps
   * the watch open until a change, or waiting until a place frees.
   */
  private void register(Consumer<Runnable> setStop, Open watch) {
    synchronized (lock) {
      // A request of a type is the stream's ACK or NACK of what it was last sent of it: that frees a place.
      boolean freed = gate.free(watch.stream(), watch.typeUrl());
      Outcome outcome = attempt(watch);
      park(watch, outcome);
      if (freed) {
        drainWaiting();
      }
      if (outcome == Outcome.ANSWERED || outcome == Outcome.CANCELLED) {
        return;
      }
    }
    // Cancellation (next request of the type, stream closed) just drops the open or waiting watch.
    setStop.accept(() -> {
      synchronized (lock) {
        open.remove(watch);
        waiting.remove(watch);
      }
    });
  }

  /** Tries to answer a watch, taking a place at the gate for a first response (kept only if it answered). */
  private Outcome attempt(Open watch) {
    if (watch.cancelled()) {
      return Outcome.CANCELLED;
    }
    boolean first = watch.first();
    if (first && !gate.tryTake(watch.stream(), watch.typeUrl())) {
      return Outcome.NO_PLACE;
    }
    Outcome outcome = watch.tryRespond(snapshots.get(watch.proxyClass()));
    if (first && outcome != Outcome.ANSWERED) {
      gate.free(watch.stream(), watch.typeUrl());
    }
    return outcome;
  }

  private void park(Open watch, Outcome outcome) {
    if (outcome == Outcome.NOTHING_TO_SEND) {
      open.add(watch);
    } else if (outcome == Outcome.NO_PLACE) {
      waiting.add(watch);
      gate.waitedOnce();
    }
  }

  /** Gives freed places to waiting watches, oldest first. */
  private void drainWaiting() {
    while (!waiting.isEmpty() && gate.available()) {
      Open next = waiting.iterator().next();
      waiting.remove(next);
      Outcome outcome = attempt(next);
      if (outcome == Outcome.NOTHING_TO_SEND) {
        open.add(next);
      } else if (outcome == Outcome.NO_PLACE) {
        waiting.add(next); // cannot happen while a place is free; keeps the watch if it does
        return;
      }
    }
  }

  /** Frees the places of proxies that neither ACKed nor NACKed their first response in time (called every 500 ms). */
  void expireFirstResponses() {
    synchronized (lock) {
      if (gate.expire(System.nanoTime())) {
        drainWaiting();
      }
    }
  }

  private void onClassChanged(String proxyClass) {
    synchronized (lock) {
      List<Open> noPlace = new ArrayList<>();
      open.removeIf(w -> {
        if (!w.proxyClass().equals(proxyClass)) {
          return false;
        }
        Outcome outcome = attempt(w);
        if (outcome == Outcome.NO_PLACE) {
          noPlace.add(w);
        }
        return outcome != Outcome.NOTHING_TO_SEND;
      });
      // Waiting watches need no push: they are answered from the class's latest snapshot when they get a place.
      noPlace.forEach(w -> park(w, Outcome.NO_PLACE));
    }
  }

  private void count(String typeUrl, Collection<String> names) {
    stats.response(typeUrl);
    names.forEach(n -> stats.resourceSent(typeUrl, n));
  }

  /** A stream's end: it no longer counts for its node's status. */
  void streamClosed(StreamState stream) {
    synchronized (lock) {
      sync.closed(stream);
      if (gate.freeAll(stream)) {
        drainWaiting();
      }
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
