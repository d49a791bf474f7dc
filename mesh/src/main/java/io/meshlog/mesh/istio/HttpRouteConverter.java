package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.RoutePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One HTTP route of a VirtualService: matches, weighted destinations and the route's policy. */
final class HttpRouteConverter {
  private static final Set<String> SUPPORTED = Set.of("name", "match", "route", "timeout", "retries", "fault", "headers");
  private static final Set<String> DESTINATION = Set.of("host", "subset", "port");

  private HttpRouteConverter() {}

  static HttpRoute convert(HTTPRoute route, JsonNode node, String path, String namespace, Errors errors) {
    Fields.onlySupported(node, path, errors, SUPPORTED);
    List<HttpMatch> matches = new ArrayList<>();
    List<HTTPMatchRequest> match = Fields.list(route.getMatch());
    for (int i = 0; i < match.size(); i++) {
      matches.add(MatchConverter.convert(match.get(i), node.path("match").path(i), path + ".match[" + i + "]", errors));
    }
    List<HTTPRouteDestination> in = Fields.list(route.getRoute());
    boolean otherAction = node.has("redirect") || node.has("directResponse") || node.has("delegate");
    if (in.isEmpty() && !otherAction) {
      errors.add(path + ".route", "at least one destination is required");
    }
    List<RouteDestination> destinations = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      destinations.add(destination(in.get(i), node.path("route").path(i), path + ".route[" + i + "]", namespace, errors));
    }
    checkWeights(in, path, errors);
    if (destinations.size() == 1) {
      // A single destination takes all traffic whatever its weight; the model says 0 for that case.
      RouteDestination only = destinations.get(0);
      destinations.set(0, new RouteDestination(only.host(), only.subset(), only.port(), 0));
    }
    return new HttpRoute(Fields.text(route.getName()), matches, destinations, policy(node, path, errors));
  }

  /** Timeout, retries, fault and request header edits; each validated where it is written. */
  private static RoutePolicy policy(JsonNode node, String path, Errors errors) {
    RoutePolicy.Builder b = RoutePolicy.builder();
    if (node.hasNonNull("timeout")) {
      b.timeoutMillis(Math.max(0, Durations.millis(node.get("timeout").asText(), path + ".timeout", errors, true)));
    }
    if (node.hasNonNull("retries")) {
      b.retries(RetryConverter.convert(node.get("retries"), path + ".retries", errors));
    }
    if (node.hasNonNull("fault")) {
      b.fault(FaultConverter.convert(node.get("fault"), path + ".fault", errors));
    }
    if (node.hasNonNull("headers")) {
      b.requestHeaders(HeaderOpsConverter.request(node.get("headers"), path + ".headers", errors));
    }
    return b.build();
  }

  private static RouteDestination destination(
      HTTPRouteDestination d, JsonNode node, String path, String namespace, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("destination", "weight"));
    int weight = d.getWeight() == null ? 0 : d.getWeight();
    if (weight < 0 || weight > 100) {
      errors.add(path + ".weight", "must be 0..100");
    }
    Destination dest = d.getDestination();
    if (dest == null) {
      errors.add(path + ".destination", "required");
      return new RouteDestination("", "", 0, weight);
    }
    Fields.onlySupported(node.path("destination"), path + ".destination", errors, DESTINATION);
    String host = Fields.text(dest.getHost());
    if (host.isEmpty()) {
      errors.add(path + ".destination.host", "required");
    } else if (!Hosts.isHostname(host)) {
      errors.add(path + ".destination.host", "invalid host \"" + host + "\": must be a DNS name");
    }
    int port = 0;
    if (dest.getPort() != null && dest.getPort().getNumber() != null) {
      if (Fields.isPort(dest.getPort().getNumber())) {
        port = dest.getPort().getNumber().intValue();
      } else {
        errors.add(path + ".destination.port.number", "must be a port number 1..65535");
      }
    }
    return new RouteDestination(Hosts.qualify(host, namespace), Fields.text(dest.getSubset()), port, weight);
  }

  /** With more than one destination every weight must be set and they must add up to 100. */
  private static void checkWeights(List<HTTPRouteDestination> in, String path, Errors errors) {
    if (in.size() < 2) {
      return;
    }
    int sum = 0;
    boolean allSet = true;
    for (int i = 0; i < in.size(); i++) {
      Integer w = in.get(i).getWeight();
      if (w == null) {
        errors.add(path + ".route[" + i + "].weight", "required when a route has more than one destination");
        allSet = false;
      } else {
        sum += w;
      }
    }
    if (allSet && sum != 100) {
      errors.add(path + ".route", "weights sum to " + sum + ", must be 100");
    }
  }
}
