package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * VirtualService to the model: hosts qualified by namespace; HTTP, TCP and TLS routes. Without hosts it is a
 * delegate (Istio's rule): HTTP routes only, no gateways, and no delegation of its own (one level only).
 */
final class VirtualServiceConverter {
  private static final Set<String> SUPPORTED = Set.of("hosts", "gateways", "http", "tcp", "tls", "exportTo");

  private VirtualServiceConverter() {}

  static VirtualService convert(
      ObjectRef ref, io.fabric8.istio.api.api.networking.v1alpha3.VirtualService vs, JsonNode spec, Errors errors) {
    Fields.onlySupported(spec, "spec", errors, SUPPORTED);
    List<String> hosts = new ArrayList<>();
    List<String> written = Fields.list(vs.getHosts());
    for (int i = 0; i < written.size(); i++) {
      String host = written.get(i);
      if (!Hosts.isHostOrWildcard(host)) {
        errors.add("spec.hosts[" + i + "]", "invalid host \"" + host + "\": must be a DNS name or a wildcard");
      }
      hosts.add(Hosts.qualify(host, ref.namespace()));
    }
    List<HTTPRoute> http = Fields.list(vs.getHttp());
    List<HttpRoute> routes = new ArrayList<>();
    for (int i = 0; i < http.size(); i++) {
      routes.add(HttpRouteConverter.convert(
          http.get(i), spec.path("http").path(i), "spec.http[" + i + "]", ref.namespace(), errors));
    }
    List<L4Route> tcp = L4RouteConverter.convert(
        spec.path("tcp"), "spec.tcp", L4RouteConverter.Kind.TCP, written, ref.namespace(), errors);
    List<L4Route> tls = L4RouteConverter.convert(
        spec.path("tls"), "spec.tls", L4RouteConverter.Kind.TLS, written, ref.namespace(), errors);
    List<String> gateways = Fields.list(vs.getGateways());
    if (written.isEmpty()) {
      checkDelegate(spec, routes, gateways, errors);
    } else if (routes.isEmpty() && tcp.isEmpty() && tls.isEmpty()) {
      errors.add("spec.http", "at least one HTTP, TCP or TLS route is required");
    }
    List<String> exportTo = Fields.list(vs.getExportTo());
    Names.checkExportTo(exportTo, "spec.exportTo", errors);
    return new VirtualService(ref, hosts, gateways, routes, tcp, tls, exportTo);
  }

  /** A VirtualService without hosts is a delegate; Istio validates it so (networking/validation.go). */
  private static void checkDelegate(JsonNode spec, List<HttpRoute> routes, List<String> gateways, Errors errors) {
    if (routes.isEmpty()) {
      errors.add("spec.hosts", "at least one host is required (a VirtualService without hosts is a delegate, "
          + "which needs HTTP routes)");
    }
    if (!gateways.isEmpty()) {
      errors.add("spec.gateways", "a delegate VirtualService (no hosts) must not name gateways");
    }
    for (String l4 : new String[] {"tcp", "tls"}) {
      if (spec.path(l4).size() > 0) {
        errors.add("spec." + l4, "a delegate VirtualService (no hosts) takes HTTP routes only");
      }
    }
    for (int i = 0; i < routes.size(); i++) {
      if (routes.get(i).delegate() != null) {
        errors.add("spec.http[" + i + "].delegate",
            "a delegate VirtualService (no hosts) cannot delegate again: Istio allows one level only");
      }
    }
  }
}
