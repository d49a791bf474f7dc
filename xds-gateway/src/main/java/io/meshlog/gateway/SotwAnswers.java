package io.meshlog.gateway;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * State-of-the-world answers built once per (class snapshot, type, requested names) and shared by every stream
 * that asks the same: thousands of proxies of one class subscribe to the same names, and building, hashing and
 * packing the answer for each of them was per-stream work on a fan-out's critical path. Answers of a class are
 * dropped when its snapshot changes. Guarded by the watcher's lock.
 */
final class SotwAnswers {
  /**
   * One answer: name to version (what the stream will have been sent), the resources in request order, the
   * response version (hash of the view), and the snapshot entries (for the sync tracker). All immutable.
   */
  record Answer(Map<String, String> view, PackedResources resources, String version,
      Map<String, ClassSnapshot.Entry> entries) {}

  private record Key(String typeUrl, List<String> names) {}

  private static final List<String> ALL = List.of("*");

  private final Map<String, ClassSnapshot> snapshotOf = new HashMap<>();
  private final Map<String, Map<Key, Answer>> answers = new HashMap<>();
  private long built;

  Answer get(ClassSnapshot snapshot, String typeUrl, List<String> names, boolean wildcard) {
    String proxyClass = snapshot.proxyClass();
    if (snapshotOf.get(proxyClass) != snapshot) {
      snapshotOf.put(proxyClass, snapshot);
      answers.put(proxyClass, new HashMap<>());
    }
    Key key = new Key(typeUrl, wildcard ? ALL : List.copyOf(names));
    return answers.get(proxyClass).computeIfAbsent(key, k -> build(snapshot, typeUrl, names, wildcard));
  }

  /** Answers built so far (each then shared by every stream asking the same). */
  long built() {
    return built;
  }

  private Answer build(ClassSnapshot snapshot, String typeUrl, List<String> names, boolean wildcard) {
    built++;
    Map<String, ClassSnapshot.Entry> available = snapshot.resources(typeUrl);
    Iterable<String> wanted = wildcard ? new TreeMap<>(available).keySet() : names;
    Map<String, String> view = new TreeMap<>();
    Map<String, ClassSnapshot.Entry> entries = new HashMap<>();
    List<Message> messages = new ArrayList<>();
    List<Any> packed = new ArrayList<>();
    for (String name : wanted) {
      ClassSnapshot.Entry e = available.get(name);
      if (e != null && !view.containsKey(name)) {
        view.put(name, e.version());
        entries.put(name, e);
        messages.add(e.resource());
        packed.add(e.packed());
      }
    }
    return new Answer(Collections.unmodifiableMap(view), new PackedResources(messages, packed), Versions.hash(view),
        Collections.unmodifiableMap(entries));
  }
}
