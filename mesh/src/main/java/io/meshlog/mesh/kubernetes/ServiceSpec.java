package io.meshlog.mesh.kubernetes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a Kubernetes Service's spec the mesh uses, as stored on the config topic (canonical JSON: fields
 * and selector keys sorted). A registry copies it out of the API object; the compiler reads it back.
 *
 * @param clusterIp the ClusterIP, empty or {@code None} for headless services
 * @param selector pod labels; empty means the service has no selector (its endpoints are managed by hand)
 */
@JsonPropertyOrder(alphabetic = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(String clusterIp, List<Port> ports, Map<String, String> selector) {
  public ServiceSpec {
    clusterIp = clusterIp == null ? "" : clusterIp;
    ports = ports == null ? List.of() : List.copyOf(ports);
    selector = selector == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(selector));
  }

  /**
   * One service port.
   *
   * @param targetPort the numeric target port, 0 when it is named or unset: the endpoint slices carry the
   *     resolved number per endpoint, which the mesh prefers anyway
   * @param appProtocol {@code appProtocol}, empty when unset
   */
  @JsonPropertyOrder(alphabetic = true)
  public record Port(String name, int port, int targetPort, String protocol, String appProtocol) {
    public Port {
      name = name == null ? "" : name;
      protocol = protocol == null ? "TCP" : protocol;
      appProtocol = appProtocol == null ? "" : appProtocol;
    }
  }
}
