package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.IstioEgressListener;
import io.meshlog.mesh.EgressHost;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Sidecar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sidecar to the mesh model: egress hosts, workloadSelector and outboundTrafficPolicy.mode. Everything else
 * (ingress listeners, egress ports, bind, captureMode, egressProxy, inboundConnectionPool) would change what a
 * proxy does if honoured, so it is rejected, like other unsupported fields.
 */
final class SidecarConverter {
  private static final Set<String> SUPPORTED = Set.of("workloadSelector", "egress", "outboundTrafficPolicy");

  private SidecarConverter() {}

  static Sidecar convert(
      ObjectRef ref, io.fabric8.istio.api.api.networking.v1alpha3.Sidecar sc, JsonNode spec, Errors errors) {
    Fields.onlySupported(spec, "spec", errors, SUPPORTED);
    Map<String, String> selector = Map.of();
    if (sc.getWorkloadSelector() != null) {
      Fields.onlySupported(spec.path("workloadSelector"), "spec.workloadSelector", errors, Set.of("labels"));
      selector = Fields.map(sc.getWorkloadSelector().getLabels());
      Names.checkLabels(selector, "spec.workloadSelector.labels", errors);
    }
    List<IstioEgressListener> egress = Fields.list(sc.getEgress());
    List<EgressHost> hosts = new ArrayList<>();
    if (egress.isEmpty()) {
      // Istio rejects a Sidecar without egress too: it would be ambiguous whether it admits everything or nothing.
      errors.add("spec.egress", "at least one egress listener is required");
    } else if (egress.size() > 1) {
      errors.add("spec.egress[1]", "only one egress listener is supported (per-port listeners not supported yet)");
    }
    for (int i = 0; i < egress.size(); i++) {
      String path = "spec.egress[" + i + "]";
      Fields.onlySupported(spec.path("egress").path(i), path, errors, Set.of("hosts"));
      List<String> written = Fields.list(egress.get(i).getHosts());
      if (written.isEmpty()) {
        errors.add(path + ".hosts", "at least one host is required");
      }
      for (int j = 0; j < written.size(); j++) {
        hosts.add(host(ref, written.get(j), path + ".hosts[" + j + "]", errors));
      }
    }
    Sidecar.OutboundPolicy policy = Sidecar.OutboundPolicy.UNSET;
    if (sc.getOutboundTrafficPolicy() != null) {
      Fields.onlySupported(spec.path("outboundTrafficPolicy"), "spec.outboundTrafficPolicy", errors, Set.of("mode"));
      if (sc.getOutboundTrafficPolicy().getMode() != null) {
        policy = Sidecar.OutboundPolicy.valueOf(sc.getOutboundTrafficPolicy().getMode().name());
      }
    }
    return new Sidecar(ref, selector, hosts, policy);
  }

  private static EgressHost host(ObjectRef ref, String written, String path, Errors errors) {
    int slash = written.indexOf('/');
    if (slash < 0) {
      errors.add(path, "\"" + written + "\" must be namespace/host (namespace \"*\", \".\", \"~\" or a name)");
      return new EgressHost(EgressHost.NONE, written);
    }
    String ns = written.substring(0, slash);
    String host = written.substring(slash + 1);
    boolean nsOk = EgressHost.ANY.equals(ns) || EgressHost.SAME.equals(ns) || EgressHost.NONE.equals(ns)
        || Names.isDnsLabel(ns);
    if (!nsOk) {
      errors.add(path, "invalid namespace \"" + ns + "\": must be \"*\", \".\", \"~\" or a namespace name");
    }
    if (!Hosts.isHostOrWildcard(host)) {
      errors.add(path, "invalid host \"" + host + "\": must be \"*\", *.suffix or a DNS name");
    }
    if (EgressHost.SAME.equals(ns) && Sidecar.ROOT_NAMESPACE.equals(ref.namespace())) {
      // In Istio "." in the root namespace's Sidecar means each proxy's own namespace: one scope per namespace,
      // which meshlog's one-scope-per-Sidecar classes cannot express yet. Rejected rather than misread.
      errors.add(path, "\"./\" in the root namespace (" + Sidecar.ROOT_NAMESPACE
          + ") not supported yet: name the namespaces");
    }
    return new EgressHost(ns, host);
  }
}
