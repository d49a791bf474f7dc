package io.meshlog.mesh.istio;

import io.meshlog.mesh.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ServiceEntry ports: number, name and protocol checked, duplicates rejected. */
final class PortConverter {
  /** Istio's protocol names; longest first so that "grpc-web-x" infers GRPC-WEB, not GRPC. */
  private static final List<String> PROTOCOLS = List.of(
      "GRPC-WEB", "HTTP_PROXY", "HTTP2", "HTTPS", "MONGO", "MYSQL", "REDIS", "GRPC", "HTTP", "TCP", "TLS", "UDP")
      .stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();

  private PortConverter() {}

  static List<ServicePort> convert(List<io.fabric8.istio.api.api.networking.v1alpha3.ServicePort> in, Errors errors) {
    if (in.isEmpty()) {
      errors.add("spec.ports", "at least one port is required");
    }
    List<ServicePort> out = new ArrayList<>();
    Map<Long, Integer> numbers = new HashMap<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < in.size(); i++) {
      var p = in.get(i);
      String path = "spec.ports[" + i + "]";
      if (p.getNumber() == null) {
        errors.add(path + ".number", "required");
      } else if (!Fields.isPort(p.getNumber())) {
        errors.add(path + ".number", "must be a port number 1..65535");
      } else if (numbers.putIfAbsent(p.getNumber(), i) != null) {
        errors.add(path + ".number", "duplicate port " + p.getNumber());
      }
      String name = Fields.text(p.getName());
      if (name.isEmpty()) {
        errors.add(path + ".name", "required");
      } else if (names.putIfAbsent(name, i) != null) {
        errors.add(path + ".name", "duplicate port name " + name);
      }
      String protocol = protocol(p.getProtocol(), name);
      if (protocol == null) {
        errors.add(path + ".protocol", "unknown protocol \"" + p.getProtocol() + "\" (one of "
            + String.join(", ", PROTOCOLS.stream().sorted().toList()) + ")");
      }
      long target = p.getTargetPort() == null ? 0 : p.getTargetPort();
      if (p.getTargetPort() != null && !Fields.isPort(p.getTargetPort())) {
        errors.add(path + ".targetPort", "must be a port number 1..65535");
        target = 0;
      }
      int number = p.getNumber() == null ? 0 : (int) Math.max(0, Math.min(p.getNumber(), 65535));
      out.add(new ServicePort(number, name, protocol == null ? "TCP" : protocol, (int) target));
    }
    return out;
  }

  /**
   * The protocol field, upper-cased; when unset, inferred from the port name as Istio does for Kubernetes
   * services ({@code http}, {@code http-web}), else TCP. Returns null for an unknown protocol.
   */
  private static String protocol(String field, String name) {
    if (field != null && !field.isEmpty()) {
      String upper = field.toUpperCase(Locale.ROOT);
      return PROTOCOLS.contains(upper) ? upper : null;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (String p : PROTOCOLS) {
      String prefix = p.toLowerCase(Locale.ROOT);
      if (lower.equals(prefix) || lower.startsWith(prefix + "-")) {
        return p;
      }
    }
    return "TCP";
  }
}
