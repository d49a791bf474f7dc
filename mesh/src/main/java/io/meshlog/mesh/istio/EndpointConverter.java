package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import io.meshlog.mesh.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** WorkloadEntry-shaped specs (a WorkloadEntry, or a ServiceEntry's inline endpoint) to an Endpoint. */
final class EndpointConverter {
  private static final Set<String> SUPPORTED =
      Set.of("address", "ports", "labels", "network", "locality", "weight", "serviceAccount");

  /** What an endpoint address may be. */
  enum Addresses { IP_ONLY, IP_OR_HOSTNAME }

  private EndpointConverter() {}

  static Endpoint convert(WorkloadEntry we, JsonNode node, String path, Addresses addresses, Errors errors) {
    Fields.onlySupported(node, path, errors, SUPPORTED);
    String address = Fields.text(we.getAddress());
    String addressPath = JsonPath.field(path, "address");
    if (address.isEmpty()) {
      errors.add(addressPath, "required");
    } else if (addresses == Addresses.IP_ONLY && !Hosts.isIp(address)) {
      errors.add(addressPath, "must be an IP address with resolution STATIC");
    } else if (!Hosts.isIp(address) && !Hosts.isHostname(address)) {
      errors.add(addressPath, "must be an IP address or a hostname");
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    Fields.map(we.getPorts()).forEach((name, number) -> {
      if (Fields.isPort(number)) {
        ports.put(name, number.intValue());
      } else {
        errors.add(JsonPath.field(JsonPath.field(path, "ports"), name), "must be a port number 1..65535");
      }
    });
    Map<String, String> labels = Fields.map(we.getLabels());
    Names.checkLabels(labels, JsonPath.field(path, "labels"), errors);
    long weight = we.getWeight() == null ? 0 : we.getWeight();
    if (weight < 0 || weight > Integer.MAX_VALUE) {
      errors.add(JsonPath.field(path, "weight"), "must be 0.." + Integer.MAX_VALUE);
      weight = 0;
    }
    return new Endpoint(address, ports, labels, Fields.text(we.getNetwork()), Fields.text(we.getLocality()),
        (int) weight, Fields.text(we.getServiceAccount()), true);
  }
}
