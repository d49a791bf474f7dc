package io.meshlog.compiler.core.index;

import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Labels;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.VirtualService;
import io.meshlog.mesh.Workload;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The service hosts whose compiled output may change when an object goes from {@code before} to
 * {@code after} (either may be empty). Everything compiled is per host, so hosts are enough to find the
 * service ports to recompile.
 */
public final class AffectedHosts {
  private AffectedHosts() {}

  public static SortedSet<String> of(Optional<MeshObject> before, Optional<MeshObject> after, MeshIndex index) {
    SortedSet<String> hosts = new TreeSet<>();
    before.ifPresent(o -> add(hosts, o, index));
    after.ifPresent(o -> add(hosts, o, index));
    return hosts;
  }

  private static void add(SortedSet<String> hosts, MeshObject object, MeshIndex index) {
    if (object instanceof Service s) {
      hosts.addAll(s.hosts());
      // A destination without a port resolves to the service's only port: routes to it depend on its ports.
      for (String host : s.hosts()) {
        for (VirtualService vs : index.virtualServicesRoutingTo(host)) {
          addRouted(hosts, vs, index);
        }
      }
    } else if (object instanceof VirtualService v) {
      addRouted(hosts, v, index);
    } else if (object instanceof DestinationRule d) {
      hosts.add(d.host());
      // Routes to the host hash as its rule says (consistent hash): they depend on the rule too.
      for (VirtualService vs : index.virtualServicesRoutingTo(d.host())) {
        addRouted(hosts, vs, index);
      }
    } else if (object instanceof Workload w) {
      for (Service s : index.selectingServicesIn(w.ref().namespace())) {
        if (Labels.selects(s.workloadSelector(), w.endpoint().labels())) {
          hosts.addAll(s.hosts());
        }
      }
    }
  }

  /**
   * The hosts whose routes come from this VirtualService: its own, and, since a delegate's routes are merged
   * into every root that delegates to it (one level only), the roots' hosts.
   */
  private static void addRouted(SortedSet<String> hosts, VirtualService vs, MeshIndex index) {
    hosts.addAll(vs.hosts());
    for (VirtualService root : index.rootsDelegatingTo(vs.key())) {
      hosts.addAll(root.hosts());
    }
  }
}
