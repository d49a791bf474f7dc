package io.meshlog.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.SelectorSets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which Sidecar scope a node belongs to, from the compiler's directory records ({@link ProxyClasses#DIRECTORY}).
 * Istio's precedence: a Sidecar of the node's namespace whose workloadSelector matches the node's labels, else
 * the namespace's selector-less Sidecar, else the root namespace's selector-less Sidecar, else none (the
 * unscoped class). Ties (two matching Sidecars at one level, which Istio breaks by creation time) go to the
 * first by name, so every gateway decides alike. The compiler's {@code views} record ({@link ClientViews}) adds the
 * implicit scopes of client views: a named namespace's {@code <ns>/*} and the label-set variants
 * ({@link #classOf}). It also holds the gateway classes (records of kind
 * {@code gateway}) that router nodes are mapped to ({@link #gatewayClassOf}). Immutable; {@link ClassSnapshots}
 * swaps in a new one.
 */
public final class ScopeDirectory {
  /** Istio's config root namespace. */
  static final String ROOT_NAMESPACE = "istio-system";
  /** The {@code kind} field of a gateway class's directory record; Sidecar records have none. */
  static final String GATEWAY_KIND = "gateway";

  /** One Sidecar: where it is and which labels select it (empty: its whole namespace). */
  record Scope(String namespace, String name, Map<String, String> selector) {
    String id() {
      return namespace + "/" + name;
    }
  }

  static final ScopeDirectory EMPTY = new ScopeDirectory(new TreeMap<>(), new TreeMap<>(), ClientViews.NONE);

  private final TreeMap<String, Scope> byId;
  /** Gateway classes ({@code gateway@<selectors>}) by name, with their set of canonical selectors. */
  private final TreeMap<String, List<String>> gateways;

  /** Every selector of every gateway class, parsed once per directory: a router's set is taken among them. */
  private final List<Map<String, String>> gatewaySelectors;

  /** The compiler's {@code views} record: namespaces with an implicit scope, sourceLabels selectors. */
  private final ClientViews views;

  private ScopeDirectory(
      TreeMap<String, Scope> byId, TreeMap<String, List<String>> gateways, ClientViews views) {
    this.byId = byId;
    this.gateways = gateways;
    this.views = views;
    SortedSet<String> selectors = new TreeSet<>();
    gateways.values().forEach(selectors::addAll);
    this.gatewaySelectors = selectors.stream().map(SelectorSets::parse).toList();
  }

  /** This directory with a record applied: {@code bytes} null removes the scope. */
  ScopeDirectory with(String scopeId, ByteBuffer bytes) throws InvalidProtocolBufferException {
    if (ProxyClasses.VIEWS.equals(scopeId)) {
      return new ScopeDirectory(byId, gateways, bytes == null ? ClientViews.NONE : ClientViews.parse(bytes));
    }
    TreeMap<String, Scope> next = new TreeMap<>(byId);
    TreeMap<String, List<String>> nextGateways = new TreeMap<>(gateways);
    if (bytes == null) {
      next.remove(scopeId);
      nextGateways.remove(scopeId);
    } else {
      Struct s = Struct.parseFrom(bytes);
      Map<String, String> selector = new TreeMap<>();
      s.getFieldsOrDefault("selector", Value.getDefaultInstance()).getStructValue().getFieldsMap()
          .forEach((k, v) -> selector.put(k, v.getStringValue()));
      if (GATEWAY_KIND.equals(text(s, "kind"))) {
        // A gateway class record is named after its class (gateway@<selectors>), never like a Sidecar (ns/name).
        nextGateways.put(scopeId, s.getFieldsOrDefault("selectors", Value.getDefaultInstance()).getListValue()
            .getValuesList().stream().map(Value::getStringValue).toList());
      } else {
        next.put(scopeId, new Scope(text(s, "namespace"), text(s, "name"), Map.copyOf(selector)));
      }
    }
    return new ScopeDirectory(next, nextGateways, views);
  }

  /** The number of Sidecar scopes (gateway classes are not counted). */
  int size() {
    return byId.size();
  }

  /** The gateway classes known now. */
  public Set<String> gatewayClasses() {
    return Set.copyOf(gateways.keySet());
  }

  /**
   * The class of a router node with {@code labels}: Istio merges every Gateway selecting a router, so the class is
   * the set of Gateway selectors (those of every known class) its labels match, {@link ProxyClasses#gateway}. The
   * compiler compiles a class for every set some labels match, so the set names a class it wrote (or will write:
   * records may arrive in any order). Matching none is the class of the selector-less Gateways ({@code gateway@*},
   * whose selector matches every router) when there are any, else the bare {@code gateway} class, which holds
   * nothing (no listeners, as Istio gives a router no Gateway selects). Sidecar scopes never apply to routers, as
   * in Istio. istiod applies exportTo relative to the router's namespace: when the {@code views} record names
   * {@code namespace} and the class's variant for it was written ({@link ProxyClasses#gatewayVariant}), the router
   * gets the variant (until its record arrives, the class; its arrival is a directory change that moves the router).
   */
  String gatewayClassOf(String namespace, Map<String, String> labels) {
    String base = ProxyClasses.gateway(SelectorSets.matched(gatewaySelectors, labels));
    if (namespace != null && views.namespaces().contains(namespace)) {
      String variant = ProxyClasses.gatewayVariant(base, namespace);
      if (gateways.containsKey(variant)) {
        return variant;
      }
    }
    return base;
  }

  /** The ids ({@code namespace/name}) of the scopes known now. */
  public Set<String> scopeIds() {
    return Set.copyOf(byId.keySet());
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

  /**
   * The node's class: its shape ({@code sidecar} or {@code grpc}) scoped by its Sidecar, if one applies, else by
   * its namespace's implicit scope when exportTo or sourceNamespace name the namespace (the root namespace's
   * default Sidecar, when that applies, in its variant for a named namespace); then, when its labels match
   * any sourceLabels selector, the variant for exactly the set they match (the compiler compiled every such set).
   */
  String classOf(String shape, String namespace, Map<String, String> labels) {
    boolean named = namespace != null && views.namespaces().contains(namespace);
    Optional<Scope> sidecar = resolve(namespace, labels);
    String scope = sidecar.map(Scope::id).orElse(named ? ProxyClasses.implicitScope(namespace) : null);
    if (named && sidecar.filter(ScopeDirectory::isRootDefault).isPresent()) {
      // The root namespace's default, as the proxies of this namespace see the mesh.
      scope = ProxyClasses.namespaceVariant(scope, namespace);
    }
    SortedSet<String> matched = SelectorSets.matched(views.selectors(), labels);
    if (!matched.isEmpty()) {
      scope = ProxyClasses.labelVariant(scope == null ? ProxyClasses.SHARED_SCOPE : scope, SelectorSets.name(matched));
    }
    return scope == null ? shape : ProxyClasses.scoped(shape, scope);
  }

  private static boolean isRootDefault(Scope s) {
    return s.namespace().equals(ROOT_NAMESPACE) && s.selector().isEmpty();
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
