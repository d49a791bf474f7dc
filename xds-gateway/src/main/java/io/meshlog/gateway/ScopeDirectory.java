package io.meshlog.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.meshlog.schemas.ProxyClasses;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which Sidecar scope a node belongs to, from the compiler's directory records ({@link ProxyClasses#DIRECTORY}).
 * Istio's precedence: a Sidecar of the node's namespace whose workloadSelector matches the node's labels, else
 * the namespace's selector-less Sidecar, else the root namespace's selector-less Sidecar, else none (the
 * unscoped class). Ties (two matching Sidecars at one level, which Istio breaks by creation time) go to the
 * first by name, so every gateway decides alike. Immutable; {@link ClassSnapshots} swaps in a new one.
 */
public final class ScopeDirectory {
  /** Istio's config root namespace. */
  static final String ROOT_NAMESPACE = "istio-system";

  /** One Sidecar: where it is and which labels select it (empty: its whole namespace). */
  record Scope(String namespace, String name, Map<String, String> selector) {
    String id() {
      return namespace + "/" + name;
    }
  }

  static final ScopeDirectory EMPTY = new ScopeDirectory(new TreeMap<>());

  private final TreeMap<String, Scope> byId;

  private ScopeDirectory(TreeMap<String, Scope> byId) {
    this.byId = byId;
  }

  /** This directory with a record applied: {@code bytes} null removes the scope. */
  ScopeDirectory with(String scopeId, java.nio.ByteBuffer bytes) throws InvalidProtocolBufferException {
    TreeMap<String, Scope> next = new TreeMap<>(byId);
    if (bytes == null) {
      next.remove(scopeId);
    } else {
      Struct s = Struct.parseFrom(bytes);
      Map<String, String> selector = new TreeMap<>();
      s.getFieldsOrDefault("selector", Value.getDefaultInstance()).getStructValue().getFieldsMap()
          .forEach((k, v) -> selector.put(k, v.getStringValue()));
      next.put(scopeId, new Scope(text(s, "namespace"), text(s, "name"), Map.copyOf(selector)));
    }
    return new ScopeDirectory(next);
  }

  int size() {
    return byId.size();
  }

  /** The ids ({@code namespace/name}) of the scopes known now. */
  public java.util.Set<String> scopeIds() {
    return java.util.Set.copyOf(byId.keySet());
  }

  /** The scope of a node in {@code namespace} (may be null: unknown) with {@code labels}, by Istio's precedence. */
  Optional<Scope> resolve(String namespace, Map<String, String> labels) {
    if (namespace == null || namespace.isEmpty()) {
      return Optional.empty();
    }
    Scope namespaceWide = null;
    Scope rootWide = null;
    for (Scope s : byId.values()) { // sorted by id: the first of a level wins
      if (s.namespace().equals(namespace)) {
        if (!s.selector().isEmpty()) {
          if (selects(s.selector(), labels)) {
            return Optional.of(s);
          }
        } else if (namespaceWide == null) {
          namespaceWide = s;
        }
      } else if (s.namespace().equals(ROOT_NAMESPACE) && s.selector().isEmpty() && rootWide == null) {
        rootWide = s;
      }
    }
    return Optional.ofNullable(namespaceWide != null ? namespaceWide : rootWide);
  }

  /** The node's class: its shape ({@code sidecar} or {@code grpc}) scoped by its Sidecar, if one applies. */
  String classOf(String shape, String namespace, Map<String, String> labels) {
    return resolve(namespace, labels).map(s -> ProxyClasses.scoped(shape, s.id())).orElse(shape);
  }

  private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static String text(Struct s, String field) {
    return s.getFieldsOrDefault(field, Value.getDefaultInstance()).getStringValue();
  }
}
