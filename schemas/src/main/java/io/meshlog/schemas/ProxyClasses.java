package io.meshlog.schemas;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Proxies with the same view of the mesh form a class and share compiled resources, so the resource topic
 * grows with services + classes rather than services x proxies. The compiler writes resources per class; a
 * gateway maps each connecting node to its class from the node metadata, as istiod does.
 */
public final class ProxyClasses {
  private ProxyClasses() {}

  /** Envoy sidecars: outbound listeners per port with RDS. */
  public static final String SIDECAR = "sidecar";

  /** Proxyless gRPC clients: API listeners named host:port. */
  public static final String GRPC = "grpc";

  /**
   * Router proxies (ingress gateways): {@code gateway@<selectors>}, one class per set of Gateway selectors a router
   * can match (see {@link #gateway(SortedSet)}). A router no Gateway selects gets the bare {@code gateway} class,
   * which holds nothing, as Istio gives such a router no listeners.
   */
  public static final String GATEWAY = "gateway";

  /** Istio's node id prefix of router proxies ({@code router~ip~pod.ns~domain}); sidecars use {@code sidecar~}. */
  public static final String ROUTER_NODE_PREFIX = "router~";

  /**
   * The class of the routers whose labels match exactly the Gateway selectors {@code selectorSet} (canonical,
   * {@link SelectorSets#canonical}): {@code gateway@app=a,tier=edge;istio=ingress}, the set's {@link SelectorSets#name};
   * the empty set is the bare {@link #GATEWAY}. Label keys and values hold none of {@code , = ; *} nor the key
   * separator {@code |}, so the name is unambiguous, and a set of one selector keeps the one-selector name.
   */
  public static String gateway(SortedSet<String> selectorSet) {
    return selectorSet.isEmpty() ? GATEWAY : scoped(GATEWAY, SelectorSets.name(selectorSet));
  }

  /** The class of the routers matched by exactly one selector: {@code gateway@k1=v1,k2=v2}, keys sorted. */
  public static String gateway(Map<String, String> selector) {
    return gateway(new TreeSet<>(Set.of(SelectorSets.canonical(selector))));
  }

  /**
   * The variant of gateway class {@code gatewayClass} for the routers of {@code namespace}, when exportTo names the
   * namespace: {@code gateway@<set>%<ns>}, compiled from what is exported to that namespace (istiod applies exportTo
   * relative to the router's own namespace). {@code %} occurs in no label or namespace, so no set's name ends like
   * a variant, and {@link #shape} still reads {@link #GATEWAY}.
   */
  public static String gatewayVariant(String gatewayClass, String namespace) {
    return gatewayClass + "%" + namespace;
  }

  /** Istio's marker for proxyless gRPC: node metadata {@code GENERATOR: grpc}. */
  public static final String GENERATOR_KEY = "GENERATOR";

  /**
   * Not a proxy class: the records under it (one per Sidecar scope, type {@link #SCOPE_TYPE}) tell gateways
   * which scoped classes exist and which nodes select them.
   */
  public static final String DIRECTORY = "directory";

  /** Type URL of a {@link #DIRECTORY} record: a protobuf Struct (namespace, name, selector, classes). */
  public static final String SCOPE_TYPE = "type.googleapis.com/google.protobuf.Struct";

  private static final char SCOPE_SEPARATOR = '@';

  /**
   * Name and {@code kind} of the one {@link #DIRECTORY} record listing the namespaces with an implicit scope and the
   * sourceLabels selectors (see {@link #implicitScope}, {@link #labelVariant}); absent when there are none.
   */
  public static final String VIEWS = "views";

  /**
   * The scope id of the proxies of {@code namespace} without a Sidecar, when exportTo or sourceNamespace name the
   * namespace: {@code <ns>/*} ({@code *} is no Kubernetes name, so it never meets a Sidecar's id).
   */
  public static String implicitScope(String namespace) {
    return namespace + "/*";
  }

  /**
   * The scope id of the root namespace's default Sidecar {@code scopeId} for the proxies of {@code namespace}, when
   * exportTo or sourceNamespace name the namespace: {@code <scopeId>~<ns>} (no name holds {@code ~}).
   */
  public static String namespaceVariant(String scopeId, String namespace) {
    return scopeId + "~" + namespace;
  }

  /** The scope id standing for the shared classes in {@link #labelVariant}: {@code * /*} without the space. */
  public static final String SHARED_SCOPE = "*/*";

  /**
   * The scope id of the proxies of scope {@code scopeId} ({@link #SHARED_SCOPE} for unscoped ones) whose labels
   * match exactly the sourceLabels selectors {@code selectorSet} ({@link SelectorSets#name}; not empty):
   * {@code <scopeId>#<selectorSet>}. No name or label holds {@code #}.
   */
  public static String labelVariant(String scopeId, String selectorSet) {
    return scopeId + "#" + selectorSet;
  }

  /** The unscoped class of a node: {@link #GRPC} for proxyless gRPC, else {@link #SIDECAR}. */
  public static String of(Map<String, String> nodeMetadata) {
    return "grpc".equals(nodeMetadata.get(GENERATOR_KEY)) ? GRPC : SIDECAR;
  }

  /**
   * The class of {@code shape} ({@link #SIDECAR} or {@link #GRPC}) scoped by the Sidecar {@code namespace/name}:
   * {@code sidecar@ns/name}. Namespaces and names are DNS labels, so the result never holds the key separator.
   */
  public static String scoped(String shape, String scopeId) {
    return shape + SCOPE_SEPARATOR + scopeId;
  }

  /** The resource shape of a class: {@code grpc@ns/name} is {@link #GRPC}. */
  public static String shape(String proxyClass) {
    int at = proxyClass.indexOf(SCOPE_SEPARATOR);
    return at < 0 ? proxyClass : proxyClass.substring(0, at);
  }

  /** Whether {@code name} has the form of a proxy class (unscoped or scoped). */
  public static boolean isClass(String name) {
    String shape = shape(name);
    return (SIDECAR.equals(shape) || GRPC.equals(shape) || GATEWAY.equals(shape))
        && (name.equals(shape) || name.length() > shape.length() + 1);
  }
}
