package io.meshlog.gateway;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.Map;

/**
 * The resources of one proxy class at one point of the log: per type URL, name to (version, parsed message).
 * Immutable, so every stream of the class reads it without locks and shares the parsed messages.
 */
public record ClassSnapshot(String proxyClass, long sequence, Map<String, Map<String, Entry>> byType) {

  /**
   * One resource: its content-hash version, the message parsed once for all streams, the event time of the
   * change that produced it (epoch millis, 0 if unknown), from which convergence time is measured, and the
   * resource packed as the Any every response carries, made once from the record's bytes so that no stream
   * serializes it again (the bytes are held twice, parsed and packed: measured cheaper than packing per send).
   */
  public record Entry(String version, Message resource, long eventTimeMillis, Any packed) {
    public Entry(String version, Message resource, long eventTimeMillis) {
      this(version, resource, eventTimeMillis, Any.pack(resource));
    }

    public Entry(String version, Message resource) {
      this(version, resource, 0);
    }
  }

  public ClassSnapshot {
    Map<String, Map<String, Entry>> copy = new HashMap<>();
    byType.forEach((type, entries) -> copy.put(type, Map.copyOf(entries)));
    byType = Map.copyOf(copy);
  }

  public static ClassSnapshot empty(String proxyClass) {
    return new ClassSnapshot(proxyClass, 0, Map.of());
  }

  public Map<String, Entry> resources(String typeUrl) {
    return byType.getOrDefault(typeUrl, Map.of());
  }

  public Entry get(String typeUrl, String name) {
    return resources(typeUrl).get(name);
  }
}
