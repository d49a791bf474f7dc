package io.meshlog.gateway;

import io.envoyproxy.controlplane.cache.DeltaResponse;
import io.envoyproxy.controlplane.cache.DeltaWatch;
import io.envoyproxy.controlplane.cache.VersionedResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Incremental (delta) decisions. The server tracks what the proxy acked and which names are pending; this
 * adds what the stream was sent but did not ack (a NACK), so a rejected version is not sent again until it
 * changes, and it seeds a new stream from initial_resource_versions so a reconnect gets only differences.
 */
final class DeltaResponder {
  private DeltaResponder() {}

  /** Marks a removal sent (the proxy no longer has the resource). */
  static final String REMOVED = "";

  static DeltaResponse respond(StreamState stream, DeltaWatch watch, ClassSnapshot snapshot) {
    String type = watch.request().getTypeUrl();
    Map<String, String> tracked = watch.trackedResources();
    List<String> subscribe = watch.request().getResourceNamesSubscribeList();
    Map<String, String> sent = stream.deltaSent.computeIfAbsent(type, t -> {
      // First request of this type on the stream: what the proxy already has, and whether it wants all.
      if (SotwResponder.isWildcard(type, subscribe)) {
        stream.deltaWildcard.add(type);
      }
      return new HashMap<>(watch.request().getInitialResourceVersionsMap());
    });
    if (subscribe.contains("*")) {
      stream.deltaWildcard.add(type);
    } else if (watch.request().getResourceNamesUnsubscribeList().contains("*")) {
      stream.deltaWildcard.remove(type);
    }
    // java-control-plane calls every LDS/CDS delta stream wildcard; follow what the proxy asked for instead.
    boolean wildcard = stream.deltaWildcard.contains(type);
    // Forget names the proxy unsubscribed from (neither tracked nor pending any more).
    if (!wildcard) {
      sent.keySet().removeIf(n -> !tracked.containsKey(n) && !watch.pendingResources().contains(n));
    }
    Map<String, ClassSnapshot.Entry> available = snapshot.resources(type);

    TreeSet<String> names = new TreeSet<>(tracked.keySet());
    names.addAll(watch.pendingResources());
    names.addAll(sent.keySet());
    names.remove("*");
    if (wildcard) {
      names.addAll(available.keySet());
    }

    Map<String, VersionedResource<?>> changed = new TreeMap<>();
    List<String> removed = new ArrayList<>();
    for (String name : names) {
      ClassSnapshot.Entry current = available.get(name);
      String has = sent.containsKey(name) ? sent.get(name) : tracked.get(name);
      if (current != null && !current.version().equals(has)) {
        changed.put(name, VersionedResource.create(current.resource(), current.version()));
      } else if (current == null && has != null && !REMOVED.equals(has)) {
        removed.add(name);
      }
    }
    if (changed.isEmpty() && removed.isEmpty()) {
      return null;
    }
    Map<String, String> summary = new TreeMap<>();
    changed.forEach((n, r) -> {
      sent.put(n, r.version());
      summary.put(n, r.version());
    });
    removed.forEach(n -> {
      sent.put(n, REMOVED);
      summary.put(n, REMOVED);
    });
    return DeltaResponse.create(watch.request(), changed, removed, Versions.hash(summary));
  }
}
