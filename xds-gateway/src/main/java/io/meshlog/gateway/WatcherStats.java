package io.meshlog.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the watcher sent and what proxies rejected, for tests, status and logs. */
public final class WatcherStats {
  private final Map<String, AtomicLong> responses = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> resourceSends = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nacks = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

  void requested(String typeUrl, Iterable<String> names) {
    names.forEach(n -> requests.computeIfAbsent(key(typeUrl, n), k -> new AtomicLong()).incrementAndGet());
  }

  /** How many requests (SotW) or subscriptions (delta) named this resource, over all streams. */
  public long requests(String typeUrl, String name) {
    return get(requests, key(typeUrl, name));
  }

  void response(String typeUrl) {
    responses.computeIfAbsent(typeUrl, k -> new AtomicLong()).incrementAndGet();
  }

  void resourceSent(String typeUrl, String name) {
    resourceSends.computeIfAbsent(key(typeUrl, name), k -> new AtomicLong()).incrementAndGet();
  }

  void nack(String typeUrl) {
    nacks.computeIfAbsent(typeUrl, k -> new AtomicLong()).incrementAndGet();
  }

  /** Responses sent for a type URL, over all streams (SotW and delta). */
  public long responses(String typeUrl) {
    return get(responses, typeUrl);
  }

  /** How many responses carried this resource, over all streams. */
  public long sends(String typeUrl, String name) {
    return get(resourceSends, key(typeUrl, name));
  }

  /** Requests for a type URL that carried error_detail (NACKs). */
  public long nacks(String typeUrl) {
    return get(nacks, typeUrl);
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    responses.forEach((k, v) -> out.put("responses|" + k, v.get()));
    nacks.forEach((k, v) -> out.put("nacks|" + k, v.get()));
    return out;
  }

  private static String key(String typeUrl, String name) {
    return typeUrl + "|" + name;
  }

  private static long get(Map<String, AtomicLong> m, String k) {
    AtomicLong v = m.get(k);
    return v == null ? 0 : v.get();
  }
}
