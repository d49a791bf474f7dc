package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.DestinationHeaders;
import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.RouteDestination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A VirtualService's {@code tcp[]} and {@code tls[]} routes. Read from the JSON tree, which the spec shape check
 * has already typed. Match fields that depend on the client (sourceLabels, sourceNamespace) are kept in the
 * model so analyze can warn that meshlog ignores them; fields it cannot represent at all are rejected.
 */
final class L4RouteConverter {
  private static final Set<String> ROUTE_FIELDS = Set.of("match", "route");
  private static final Set<String> TCP_MATCH =
      Set.of("port", "destinationSubnets", "sourceLabels", "sourceNamespace", "gateways");
  private static final Set<String> TLS_MATCH =
      Set.of("sniHosts", "port", "destinationSubnets", "sourceLabels", "sourceNamespace", "gateways");

  /** Which list the routes come from; TLS matches must name SNI hosts. */
  enum Kind { TCP, TLS }

  private L4RouteConverter() {}

  static List<L4Route> convert(JsonNode list, String path, Kind kind, List<String> vsHosts, String namespace,
      Errors errors) {
    List<L4Route> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(route(list.get(i), JsonPath.index(path, i), kind, vsHosts, namespace, errors));
    }
    return out;
  }

  private static L4Route route(JsonNode node, String path, Kind kind, List<String> vsHosts, String namespace,
      Errors errors) {
    Fields.onlySupported(node, path, errors, ROUTE_FIELDS);
    List<L4Match> matches = new ArrayList<>();
    JsonNode match = node.path("match");
    for (int i = 0; i < match.size(); i++) {
      matches.add(match(match.get(i), JsonPath.index(path + ".match", i), kind, vsHosts, namespace, errors));
    }
    if (kind == Kind.TLS && matches.isEmpty()) {
      errors.add(path + ".match", "at least one match with sniHosts is required for a TLS route");
    }
    JsonNode route = node.path("route");
    if (route.size() == 0) {
      errors.add(path + ".route", "at least one destination is required");
    }
    List<RouteDestination> destinations = new ArrayList<>();
    for (int i = 0; i < route.size(); i++) {
      destinations.add(destination(route.get(i), JsonPath.index(path + ".route", i), namespace, errors));
    }
    checkWeights(route, path, errors);
    if (destinations.size() == 1) {
      // A single destination takes all traffic whatever its weight; the model says 0 for that case.
      RouteDestination only = destinations.get(0);
      destinations.set(0, new RouteDestination(only.host(), only.subset(), only.port(), 0));
    }
    return new L4Route(matches, destinations);
  }

  private static L4Match match(JsonNode node, String path, Kind kind, List<String> vsHosts, String namespace,
      Errors errors) {
    Fields.onlySupported(node, path, errors, kind == Kind.TLS ? TLS_MATCH : TCP_MATCH);
    L4Match.Builder b = L4Match.builder();
    JsonNode port = node.path("port");
    if (!port.isMissingNode() && !port.isNull()) {
      if (Fields.isPort(port.asLong())) {
        b.port(port.asInt());
      } else {
        errors.add(path + ".port", "must be a port number 1..65535");
      }
    }
    List<String> subnets = strings(node.path("destinationSubnets"));
    for (int i = 0; i < subnets.size(); i++) {
      if (!Hosts.isIpOrCidr(subnets.get(i))) {
        errors.add(path + ".destinationSubnets[" + i + "]",
            "invalid subnet \"" + subnets.get(i) + "\": must be an IP address or CIDR (10.0.0.0/16)");
      }
    }
    b.destinationSubnets(subnets);
    if (kind == Kind.TLS) {
      b.sniHosts(sniHosts(node.path("sniHosts"), path + ".sniHosts", vsHosts, namespace, errors));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    node.path("sourceLabels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
    return b.sourceLabels(labels)
        .sourceNamespace(node.path("sourceNamespace").asText(""))
        .gateways(strings(node.path("gateways")))
        .build();
  }

  /**
   * SNI names are matched as written (not qualified by namespace: a client sends the full name). As in Istio,
   * each must fall under one of the VirtualService's hosts, so a rule cannot capture another service's traffic.
   */
  private static List<String> sniHosts(JsonNode node, String path, List<String> vsHosts, String namespace,
      Errors errors) {
    List<String> out = strings(node);
    if (out.isEmpty()) {
      errors.add(path, "at least one SNI host is required");
    }
    for (int i = 0; i < out.size(); i++) {
      String sni = out.get(i);
      if (!Hosts.isHostOrWildcard(sni)) {
        errors.add(path + "[" + i + "]", "invalid host \"" + sni + "\": must be a DNS name or a wildcard");
      } else if (vsHosts.stream().noneMatch(h -> covers(Hosts.qualify(h, namespace), sni))) {
        errors.add(path + "[" + i + "]", "\"" + sni + "\" is not one of the VirtualService's hosts (nor under a "
            + "wildcard host)");
      }
    }
    return out;
  }

  /** Whether {@code host} (maybe a wildcard) takes in {@code sni} (maybe a wildcard). */
  private static boolean covers(String host, String sni) {
    if (host.equals("*") || host.equals(sni)) {
      return true;
    }
    if (host.startsWith("*.")) {
      String suffix = host.substring(1);
      return sni.endsWith(suffix) && (!sni.startsWith("*.") || sni.substring(1).endsWith(suffix));
    }
    return false;
  }

  private static RouteDestination destination(JsonNode node, String path, String namespace, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("destination", "weight"));
    int weight = node.path("weight").asInt(0);
    if (weight < 0 || weight > 100) {
      errors.add(path + ".weight", "must be 0..100");
    }
    return DestinationConverter.convert(node.path("destination"), path + ".destination", namespace, weight,
        DestinationHeaders.NONE, errors);
  }

  /** With more than one destination every weight must be set and they must add up to 100, as for HTTP. */
  private static void checkWeights(JsonNode route, String path, Errors errors) {
    if (route.size() < 2) {
      return;
    }
    int sum = 0;
    boolean allSet = true;
    for (int i = 0; i < route.size(); i++) {
      JsonNode w = route.get(i).path("weight");
      if (w.isMissingNode() || w.isNull()) {
        errors.add(path + ".route[" + i + "].weight", "required when a route has more than one destination");
        allSet = false;
      } else {
        sum += w.asInt();
      }
    }
    if (allSet && sum != 100) {
      errors.add(path + ".route", "weights sum to " + sum + ", must be 100");
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }
}
