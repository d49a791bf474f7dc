package io.meshlog.mesh.analysis;

import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MLA0006: the same host and port number declared with different protocols by two ServiceEntries. The proxy
 * can serve a port with one protocol only, so one declaration would silently lose.
 */
final class PortConflictCheck implements Check {
  static final String CODE = "MLA0006";

  private record Declared(Service service, ServicePort port) {}

  @Override
  public void run(MeshView mesh, List<Finding> out) {
    Map<String, Declared> first = new HashMap<>();
    for (Service s : mesh.services) {
      for (String host : s.hosts()) {
        for (int i = 0; i < s.ports().size(); i++) {
          ServicePort p = s.ports().get(i);
          Declared earlier = first.putIfAbsent(host + ":" + p.number(), new Declared(s, p));
          if (earlier != null && earlier.service() != s && !earlier.port().protocol().equals(p.protocol())) {
            out.add(new Finding(CODE, Severity.ERROR, s.ref().toString(), "spec.ports[" + i + "].protocol",
                "port " + p.number() + " of host " + host + " is " + p.protocol() + " here but "
                    + earlier.port().protocol() + " in " + earlier.service().ref(),
                "declare the port with the same protocol everywhere, or use another port number"));
          }
        }
      }
    }
  }
}
