package io.meshlog.compiler.core.index;

import io.meshlog.mesh.Client;
import io.meshlog.mesh.ClientVariants;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.ExportTo;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.L4Route;
import io.meshlog.schemas.SelectorSets;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.Sidecar;
import io.meshlog.mesh.VirtualService;
import io.meshlog.mesh.Workload;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The current mesh objects by key, with the reverse indexes a change needs to find what depends on it:
 * host to services, virtual services and destination rules; destination host to the virtual services routing
 * to it; namespace to workloads and to the services that select workloads.
 */
public final class MeshIndex {
  private final SortedMap<String, MeshObject> byKey;
  private final MultiIndex<Service> servicesByHost;
  private final MultiIndex<Service> selectingServicesByNamespace;
  private final MultiIndex<VirtualService> virtualServicesByHost;
  private final MultiIndex<VirtualService> virtualServicesByDestination;
  private final MultiIndex<DestinationRule> rulesByHost;
  private final MultiIndex<VirtualService> rootsByDelegate;
  private final MultiIndex<Workload> workloadsByNamespace;
  private final MultiIndex<VirtualService> virtualServicesByGateway;
  private final MultiIndex<Gateway> gatewaysBySelector;
  /**
   * Which objects the compile lookups ({@link #servicesForHost}, {@link #virtualServicesForHost},
   * {@link #destinationRulesForHost}) return: by default those exported to some namespace ({@code exportTo: ~}
   * hides an object from every proxy); in a {@link #visibleTo} view, those exported to that namespace. The
   * change-tracking lookups are unfiltered, so a hidden object still marks what it would affect.
   */
  private final Predicate<MeshObject> visible;
  /** Which client matches ({@code sourceLabels}, {@code sourceNamespace}) the compile applies for sidecars. */
  private final Client client;
  /** Objects that can make two clients' views differ (see {@link ClientVariants#dependsOnClient}), by key. */
  private final SortedMap<String, MeshObject> clientDependent;

  public MeshIndex() {
    byKey = new TreeMap<>();
    servicesByHost = new MultiIndex<>();
    selectingServicesByNamespace = new MultiIndex<>();
    virtualServicesByHost = new MultiIndex<>();
    virtualServicesByDestination = new MultiIndex<>();
    rulesByHost = new MultiIndex<>();
    rootsByDelegate = new MultiIndex<>();
    workloadsByNamespace = new MultiIndex<>();
    virtualServicesByGateway = new MultiIndex<>();
    gatewaysBySelector = new MultiIndex<>();
    visible = ExportTo::exportedAnywhere;
    client = Client.PUBLIC;
    clientDependent = new TreeMap<>();
  }

  private MeshIndex(MeshIndex base, Predicate<MeshObject> visible, Client client) {
    byKey = base.byKey;
    servicesByHost = base.servicesByHost;
    selectingServicesByNamespace = base.selectingServicesByNamespace;
    virtualServicesByHost = base.virtualServicesByHost;
    virtualServicesByDestination = base.virtualServicesByDestination;
    rulesByHost = base.rulesByHost;
    rootsByDelegate = base.rootsByDelegate;
    workloadsByNamespace = base.workloadsByNamespace;
    virtualServicesByGateway = base.virtualServicesByGateway;
    gatewaysBySelector = base.gatewaysBySelector;
    clientDependent = base.clientDependent;
    this.visible = visible;
    this.client = client;
  }

  /** A read view of the same objects as proxies in {@code namespace} see them (exportTo applied exactly). */
  public MeshIndex visibleTo(String namespace) {
    return viewFor(namespace, Map.of(), Set.of());
  }

  /**
   * What proxies in {@code namespace} carrying {@code labels} see: exportTo applied exactly, and client matches
   * evaluated for them ({@code ignored}: VirtualServices whose sourceLabels are not compiled, see
   * {@link ClientVariants}).
   */
  public MeshIndex viewFor(String namespace, Map<String, String> labels, Set<String> ignored) {
    return new MeshIndex(this, o -> ExportTo.visibleTo(o, namespace), new Client(namespace, labels, ignored));
  }

  /**
   * What a proxy of a namespace no exportTo or sourceNamespace names sees (the shared classes): objects exported
   * to every namespace, client matches evaluated for {@code labels} and no namespace.
   */
  public MeshIndex publicView(Map<String, String> labels, Set<String> ignored) {
    return new MeshIndex(this, ExportTo::isPublic, new Client("", labels, ignored));
  }

  /** The clients this view is compiled for: which sourceLabels / sourceNamespace matches apply. */
  public Client client() {
    return client;
  }

  /** The client variants the current objects tell apart; O(objects that depend on the client). */
  public ClientVariants clientVariants() {
    return clientDependent.isEmpty() ? ClientVariants.NONE : ClientVariants.of(clientDependent.values());
  }

  private <T extends MeshObject> List<T> filtered(List<T> objects) {
    for (T o : objects) {
      if (!visible.test(o)) {
        return objects.stream().filter(visible).toList();
      }
    }
    return objects;
  }

  /** Stores the object, replacing the one with the same key; returns the replaced one, if any. */
  public Optional<MeshObject> put(MeshObject object) {
    Optional<MeshObject> previous = remove(object.key());
    byKey.put(object.key(), object);
    file(object, true);
    return previous;
  }

  /** Removes the object with this key; returns it, if it was present. */
  public Optional<MeshObject> remove(String key) {
    MeshObject previous = byKey.remove(key);
    if (previous != null) {
      file(previous, false);
    }
    return Optional.ofNullable(previous);
  }

  /** Every Sidecar, by key. */
  public List<Sidecar> sidecars() {
    return byKey.subMap("Sidecar/", "Sidecar0").values().stream()
        .filter(Sidecar.class::isInstance).map(Sidecar.class::cast).toList();
  }

  public Optional<MeshObject> get(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Every host some service declares, sorted (AUTO_PASSTHROUGH routers reach each one under their hosts). */
  public java.util.SortedSet<String> serviceHosts() {
    return servicesByHost.terms();
  }

  public List<Service> servicesForHost(String host) {
    return filtered(servicesByHost.get(host));
  }

  /** Services in the namespace that take their endpoints from workloads. */
  public List<Service> selectingServicesIn(String namespace) {
    return selectingServicesByNamespace.get(namespace);
  }

  /** Ordered by (namespace, name): the order in which their routes are merged. */
  public List<VirtualService> virtualServicesForHost(String host) {
    return filtered(virtualServicesByHost.get(host));
  }

  public List<VirtualService> virtualServicesRoutingTo(String host) {
    return virtualServicesByDestination.get(host);
  }

  /** VirtualServices with a route delegating to the VirtualService with this key (delegate or not). */
  public List<VirtualService> rootsDelegatingTo(String virtualServiceKey) {
    return rootsByDelegate.get(virtualServiceKey);
  }

  public List<DestinationRule> destinationRulesForHost(String host) {
    return filtered(rulesByHost.get(host));
  }

  /**
   * VirtualServices whose top-level {@code gateways} name the Gateway {@code namespace/name}, by (namespace, name): the
   * order their routes are merged in. Filtered by this view: a gateway class is compiled from the public view, its
   * variant for a named namespace from that namespace's ({@code GatewayClasses}), as istiod applies exportTo relative
   * to the router's namespace.
   */
  public List<VirtualService> virtualServicesBoundTo(String gatewayId) {
    return filtered(virtualServicesByGateway.get(gatewayId));
  }

  /** The Gateways with this selector ({@link SelectorSets#canonical}), by (namespace, name). */
  public List<Gateway> gatewaysWithSelector(String canonicalSelector) {
    return gatewaysBySelector.get(canonicalSelector);
  }

  /** The canonical selectors of the Gateways present, sorted. */
  public java.util.SortedSet<String> gatewaySelectors() {
    return gatewaysBySelector.terms();
  }

  public List<Workload> workloadsIn(String namespace) {
    return workloadsByNamespace.get(namespace);
  }

  private void file(MeshObject object, boolean add) {
    if (!add) {
      clientDependent.remove(object.key());
    } else if (ClientVariants.dependsOnClient(object)) {
      clientDependent.put(object.key(), object);
    }
    if (object instanceof Service s) {
      update(servicesByHost, s.hosts(), s, add);
      if (s.selectsWorkloads()) {
        update(selectingServicesByNamespace, List.of(s.ref().namespace()), s, add);
      }
    } else if (object instanceof VirtualService v) {
      update(virtualServicesByHost, v.hosts(), v, add);
      update(virtualServicesByDestination, destinationHosts(v), v, add);
      update(rootsByDelegate, delegateKeys(v), v, add);
      update(virtualServicesByGateway, v.gatewayIds(), v, add);
    } else if (object instanceof DestinationRule d) {
      update(rulesByHost, List.of(d.host()), d, add);
    } else if (object instanceof Gateway g) {
      update(gatewaysBySelector, List.of(SelectorSets.canonical(g.selector())), g, add);
    } else if (object instanceof Workload w) {
      update(workloadsByNamespace, List.of(w.ref().namespace()), w, add);
    }
  }

  private static <T extends MeshObject> void update(MultiIndex<T> index, Collection<String> terms, T o, boolean add) {
    if (add) {
      index.add(terms, o);
    } else {
      index.remove(terms, o);
    }
  }

  static Set<String> delegateKeys(VirtualService vs) {
    Set<String> keys = new TreeSet<>();
    vs.http().stream().filter(r -> r.delegate() != null).forEach(r -> keys.add(r.delegate().key()));
    return keys;
  }

  /** The hosts a VirtualService's routes and mirrors send traffic to. */
  public static Set<String> destinationHosts(VirtualService vs) {
    Set<String> hosts = new TreeSet<>();
    for (HttpRoute route : vs.http()) {
      for (RouteDestination d : route.destinations()) {
        hosts.add(d.host());
      }
      // A mirror's cluster name depends on its host's ports as a destination's does.
      route.policy().mirrors().forEach(m -> hosts.add(m.destination().host()));
    }
    // TCP/TLS routes name clusters the same way.
    for (L4Route route : vs.tcp()) {
      route.destinations().forEach(d -> hosts.add(d.host()));
    }
    for (L4Route route : vs.tls()) {
      route.destinations().forEach(d -> hosts.add(d.host()));
    }
    return hosts;
  }
}
