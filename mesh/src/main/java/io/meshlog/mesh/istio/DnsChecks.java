package io.meshlog.mesh.istio;

import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.Service;
import java.util.List;
import java.util.Map;

/**
 * Resolution DNS and DNS_ROUND_ROBIN, as Istio validates them: without endpoints the hosts themselves are
 * resolved, so they must be names, not wildcards; DNS_ROUND_ROBIN (one logical DNS name) takes at most one endpoint.
 */
final class DnsChecks {
  private DnsChecks() {}

  static void check(
      Service.Resolution resolution, List<String> hosts, List<Endpoint> endpoints, Map<String, String> selector,
      Errors errors) {
    if (resolution != Service.Resolution.DNS && resolution != Service.Resolution.DNS_ROUND_ROBIN) {
      return;
    }
    if (resolution == Service.Resolution.DNS_ROUND_ROBIN && endpoints.size() > 1) {
      errors.add("spec.endpoints", "at most one endpoint with resolution DNS_ROUND_ROBIN");
    }
    if (endpoints.isEmpty() && selector.isEmpty()) {
      for (int i = 0; i < hosts.size(); i++) {
        if (hosts.get(i).contains("*")) {
          errors.add("spec.hosts[" + i + "]", "a wildcard host cannot be resolved by DNS: add endpoints");
        }
      }
    }
  }
}
