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
          hosts.addAll(vs.hosts());
        }
      }
    } else if (object instanceof VirtualService v) {
      hosts.addAll(v.hosts());
    } else if (object instanceof DestinationRule d) {
      hosts.add(d.host());
      // Routes to the host hash as its rule says (consistent hash): they depend on the rule too.
      for (VirtualService vs : index.virtualServicesRoutingTo(d.host())) {
        hosts.addAll(vs.hosts());
      }
    } else if (object instanceof Workload w) {
      for (Service s : index.selectingServicesIn(w.ref().namespace())) {
        if (Labels.selects(s.workloadSelector(), w.endpoint().labels())) {
          hosts.addAll(s.hosts());
        }
      }
    }
  }
}
