package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** VirtualService to the model: hosts qualified by namespace, HTTP routes only. */
final class VirtualServiceConverter {
  private static final Set<String> SUPPORTED = Set.of("hosts", "gateways", "http", "exportTo");

  private VirtualServiceConverter() {}

  static VirtualService convert(
      ObjectRef ref, io.fabric8.istio.api.api.networking.v1alpha3.VirtualService vs, JsonNode spec, Errors errors) {
    Fields.onlySupported(spec, "spec", errors, SUPPORTED);
    List<String> hosts = new ArrayList<>();
    List<String> written = Fields.list(vs.getHosts());
    if (written.isEmpty()) {
      errors.add("spec.hosts", "at least one host is required");
    }
    for (int i = 0; i < written.size(); i++) {
      String host = written.get(i);
      if (!Hosts.isHostOrWildcard(host)) {
        errors.add("spec.hosts[" + i + "]", "invalid host \"" + host + "\": must be a DNS name or a wildcard");
      }
      hosts.add(Hosts.qualify(host, ref.namespace()));
    }
    List<HTTPRoute> http = Fields.list(vs.getHttp());
    if (http.isEmpty()) {
      errors.add("spec.http", "at least one HTTP route is required");
    }
    List<HttpRoute> routes = new ArrayList<>();
    for (int i = 0; i < http.size(); i++) {
      routes.add(HttpRouteConverter.convert(
          http.get(i), spec.path("http").path(i), "spec.http[" + i + "]", ref.namespace(), errors));
    }
    List<String> exportTo = Fields.list(vs.getExportTo());
    Names.checkExportTo(exportTo, "spec.exportTo", errors);
    return new VirtualService(ref, hosts, Fields.list(vs.getGateways()), routes, exportTo);
  }
}
