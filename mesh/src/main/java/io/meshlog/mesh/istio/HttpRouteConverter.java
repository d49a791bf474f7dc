package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.meshlog.mesh.Delegate;
import io.meshlog.mesh.DestinationHeaders;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.RoutePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One HTTP route of a VirtualService: matches, weighted destinations and the route's policy. */
final class HttpRouteConverter {
  private static final Set<String> SUPPORTED = Set.of("name", "match", "route", "timeout", "retries", "fault",
      "headers", "redirect", "directResponse", "rewrite", "mirror", "mirrorPercentage", "mirrorPercent", "mirrors",
      "corsPolicy", "delegate");
  /** Fields that only make sense when the route forwards; rejected next to redirect or directResponse. */
  private static final List<String> FORWARDING_ONLY =
      List.of("route", "rewrite", "mirror", "mirrors", "fault", "retries", "timeout");

  private HttpRouteConverter() {}

  static HttpRoute convert(HTTPRoute route, JsonNode node, String path, String namespace, Errors errors) {
    Fields.onlySupported(node, path, errors, SUPPORTED);
    List<HttpMatch> matches = new ArrayList<>();
    List<HTTPMatchRequest> match = Fields.list(route.getMatch());
    for (int i = 0; i < match.size(); i++) {
      matches.add(MatchConverter.convert(match.get(i), node.path("match").path(i), path + ".match[" + i + "]", errors));
    }
    List<HTTPRouteDestination> in = Fields.list(route.getRoute());
    boolean otherAction = node.hasNonNull("redirect") || node.hasNonNull("directResponse") || node.has("delegate");
    if (in.isEmpty() && !otherAction) {
      errors.add(path + ".route", "at least one destination is required");
    }
    checkAnswering(node, path, errors);
    Delegate delegate = DelegateConverter.convert(node, path, namespace, errors);
    List<RouteDestination> destinations = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      destinations.add(destination(in.get(i), node.path("route").path(i), path + ".route[" + i + "]", namespace, errors));
    }
    checkWeights(in, path, errors);
    if (destinations.size() == 1) {
      // A single destination takes all traffic whatever its weight; the model says 0 for that case.
      RouteDestination only = destinations.get(0);
      destinations.set(0, new RouteDestination(only.host(), only.subset(), only.port(), 0, only.headers()));
    }
    return new HttpRoute(
        Fields.text(route.getName()), matches, destinations, policy(node, path, namespace, errors), delegate);
  }

  /** A route answers in one way only: forward, redirect or direct response. */
  private static void checkAnswering(JsonNode node, String path, Errors errors) {
    String answer = node.hasNonNull("redirect") ? "redirect" : node.hasNonNull("directResponse") ? "directResponse" : null;
    if (answer == null) {
      return;
    }
    if (answer.equals("redirect") && node.hasNonNull("directResponse")) {
      errors.add(path + ".directResponse", "cannot be set together with redirect (only one of them)");
    }
    for (String f : FORWARDING_ONLY) {
      JsonNode v = node.path(f);
      if (!v.isMissingNode() && !v.isNull() && !(v.isArray() && v.isEmpty())) {
        errors.add(path + "." + f, "cannot be set together with " + answer + " (the route does not forward)");
      }
    }
  }

  /** Everything besides the destinations; each part validated where it is written. */
  private static RoutePolicy policy(JsonNode node, String path, String namespace, Errors errors) {
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
      DestinationHeaders h = HeaderOpsConverter.convert(node.get("headers"), path + ".headers", errors);
      b.requestHeaders(h.request()).responseHeaders(h.response());
    }
    if (node.hasNonNull("redirect")) {
      b.redirect(ResponseActionConverter.redirect(node.get("redirect"), path + ".redirect", errors));
    }
    if (node.hasNonNull("directResponse")) {
      b.directResponse(ResponseActionConverter.directResponse(node.get("directResponse"), path + ".directResponse",
          errors));
    }
    if (node.hasNonNull("rewrite")) {
      b.rewrite(RewriteConverter.convert(node.get("rewrite"), path + ".rewrite", errors));
    }
    if (node.hasNonNull("corsPolicy")) {
      b.cors(CorsConverter.convert(node.get("corsPolicy"), path + ".corsPolicy", errors));
    }
    return b.mirrors(MirrorConverter.convert(node, path, namespace, errors)).build();
  }

  private static RouteDestination destination(
      HTTPRouteDestination d, JsonNode node, String path, String namespace, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("destination", "weight", "headers"));
    int weight = d.getWeight() == null ? 0 : d.getWeight();
    if (weight < 0 || weight > 100) {
      errors.add(path + ".weight", "must be 0..100");
    }
    DestinationHeaders headers = node.hasNonNull("headers")
        ? HeaderOpsConverter.convert(node.get("headers"), path + ".headers", errors)
        : DestinationHeaders.NONE;
    return DestinationConverter.convert(node.path("destination"), path + ".destination", namespace, weight, headers,
        errors);
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
