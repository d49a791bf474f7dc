package io.meshlog.compiler.core.index;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.VirtualService;
import io.meshlog.mesh.Workload;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The current mesh objects by key, with the reverse indexes a change needs to find what depends on it:
 * host to services, virtual services and destination rules; destination host to the virtual services routing
 * to it; namespace to workloads and to the services that select workloads.
 */
public final class MeshIndex {
  private final SortedMap<String, MeshObject> byKey = new TreeMap<>();
  private final MultiIndex<Service> servicesByHost = new MultiIndex<>();
  private final MultiIndex<Service> selectingServicesByNamespace = new MultiIndex<>();
  private final MultiIndex<VirtualService> virtualServicesByHost = new MultiIndex<>();
  private final MultiIndex<VirtualService> virtualServicesByDestination = new MultiIndex<>();
  private final MultiIndex<DestinationRule> rulesByHost = new MultiIndex<>();
  private final MultiIndex<VirtualService> rootsByDelegate = new MultiIndex<>();
  private final MultiIndex<Workload> workloadsByNamespace = new MultiIndex<>();

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

  public Optional<MeshObject> get(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public List<Service> servicesForHost(String host) {
    return servicesByHost.get(host);
  }

  /** Services in the namespace that take their endpoints from workloads. */
  public List<Service> selectingServicesIn(String namespace) {
    return selectingServicesByNamespace.get(namespace);
  }

  /** Ordered by (namespace, name): the order in which their routes are merged. */
  public List<VirtualService> virtualServicesForHost(String host) {
    return virtualServicesByHost.get(host);
  }

  public List<VirtualService> virtualServicesRoutingTo(String host) {
    return virtualServicesByDestination.get(host);
  }

  /** VirtualServices with a route delegating to the VirtualService with this key (delegate or not). */
  public List<VirtualService> rootsDelegatingTo(String virtualServiceKey) {
    return rootsByDelegate.get(virtualServiceKey);
  }

  public List<DestinationRule> destinationRulesForHost(String host) {
    return rulesByHost.get(host);
  }

  public List<Workload> workloadsIn(String namespace) {
    return workloadsByNamespace.get(namespace);
  }

  private void file(MeshObject object, boolean add) {
    if (object instanceof Service s) {
      update(servicesByHost, s.hosts(), s, add);
      if (s.selectsWorkloads()) {
        update(selectingServicesByNamespace, List.of(s.ref().namespace()), s, add);
      }
    } else if (object instanceof VirtualService v) {
      update(virtualServicesByHost, v.hosts(), v, add);
      update(virtualServicesByDestination, destinationHosts(v), v, add);
      update(rootsByDelegate, delegateKeys(v), v, add);
    } else if (object instanceof DestinationRule d) {
      update(rulesByHost, List.of(d.host()), d, add);
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

  static Set<String> destinationHosts(VirtualService vs) {
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
