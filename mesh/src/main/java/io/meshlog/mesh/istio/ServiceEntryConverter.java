package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ServiceEntry to Service. Hosts are used as written (Istio does not qualify ServiceEntry hosts). */
final class ServiceEntryConverter {
  private static final Set<String> SUPPORTED = Set.of(
      "hosts", "addresses", "ports", "location", "resolution", "endpoints", "workloadSelector", "exportTo");

  private ServiceEntryConverter() {}

  static Service convert(ObjectRef ref, ServiceEntry se, JsonNode spec, Errors errors) {
    Fields.onlySupported(spec, "spec", errors, SUPPORTED);
    List<String> hosts = Fields.list(se.getHosts());
    if (hosts.isEmpty()) {
      errors.add("spec.hosts", "at least one host is required");
    }
    for (int i = 0; i < hosts.size(); i++) {
      if (!Hosts.isHostOrWildcard(hosts.get(i)) || "*".equals(hosts.get(i))) {
        errors.add("spec.hosts[" + i + "]", "invalid host \"" + hosts.get(i)
            + "\": must be a DNS name or a wildcard like *.example.com");
      }
    }
    List<String> addresses = Fields.list(se.getAddresses());
    for (int i = 0; i < addresses.size(); i++) {
      if (!Hosts.isIpOrCidr(addresses.get(i))) {
        errors.add("spec.addresses[" + i + "]", "must be an IP address or CIDR block");
      }
    }
    List<ServicePort> ports = PortConverter.convert(Fields.list(se.getPorts()), errors);
    Service.Location location = se.getLocation() == null
        ? Service.Location.MESH_EXTERNAL
        : Service.Location.valueOf(se.getLocation().name());
    Service.Resolution resolution = resolution(se.getResolution(), errors);
    List<Endpoint> endpoints = endpoints(se, spec, resolution, errors);
    Map<String, String> selector = Map.of();
    if (se.getWorkloadSelector() != null) {
      if (!endpoints.isEmpty()) {
        errors.add("spec.workloadSelector", "cannot be used with spec.endpoints");
      }
      selector = Fields.map(se.getWorkloadSelector().getLabels());
      if (selector.isEmpty()) {
        errors.add("spec.workloadSelector.labels", "at least one label is required");
      }
      Fields.onlySupported(spec.path("workloadSelector"), "spec.workloadSelector", errors, Set.of("labels"));
      Names.checkLabels(selector, "spec.workloadSelector.labels", errors);
    }
    DnsChecks.check(resolution, hosts, endpoints, selector, errors);
    List<String> exportTo = Fields.list(se.getExportTo());
    Names.checkExportTo(exportTo, "spec.exportTo", errors);
    return new Service(ref, hosts, addresses, ports, location, resolution, endpoints, selector, exportTo);
  }

  private static Service.Resolution resolution(ServiceEntryResolution r, Errors errors) {
    if (r == null) {
      return Service.Resolution.NONE;
    }
    try {
      return Service.Resolution.valueOf(r.name());
    } catch (IllegalArgumentException e) {
      errors.add("spec.resolution", r.name() + " not supported yet");
      return Service.Resolution.NONE;
    }
  }

  private static List<Endpoint> endpoints(
      ServiceEntry se, JsonNode spec, Service.Resolution resolution, Errors errors) {
    EndpointConverter.Addresses addresses = resolution == Service.Resolution.STATIC
        ? EndpointConverter.Addresses.IP_ONLY
        : EndpointConverter.Addresses.IP_OR_HOSTNAME;
    List<WorkloadEntry> list = Fields.list(se.getEndpoints());
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "spec.endpoints[" + i + "]";
      endpoints.add(EndpointConverter.convert(list.get(i), spec.path("endpoints").path(i), path, addresses, errors));
    }
    return endpoints;
  }
}
