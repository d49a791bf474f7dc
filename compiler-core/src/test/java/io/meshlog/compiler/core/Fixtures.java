package io.meshlog.compiler.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import io.meshlog.mesh.StringMatch;
import io.meshlog.mesh.Subset;
import io.meshlog.mesh.TrafficPolicy;
import io.meshlog.mesh.VirtualService;
import io.meshlog.mesh.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the test fixture format (see src/test/resources/golden/README.md) into mesh model records. Independent
 * of the Istio adapter on purpose: the compile core is tested against the model alone.
 */
final class Fixtures {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Fixtures() {}

  static List<MeshObject> read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  static List<MeshObject> parse(String yaml) throws IOException {
    List<MeshObject> out = new ArrayList<>();
    for (JsonNode n : YAML.readTree(yaml)) {
      out.add(object(n));
    }
    return out;
  }

  static MeshObject object(JsonNode n) {
    String kind = n.path("kind").asText();
    ObjectRef ref = new ObjectRef(kind, text(n, "namespace", "default"), n.path("name").asText());
    return switch (kind) {
      case "Service" -> new Service(ref, strings(n.path("hosts")), strings(n.path("addresses")),
          list(n.path("ports"), Fixtures::port),
          Service.Location.valueOf(text(n, "location", "MESH_INTERNAL")),
          Service.Resolution.valueOf(text(n, "resolution", "STATIC")),
          list(n.path("endpoints"), Fixtures::endpoint), stringMap(n.path("workloadSelector")), List.of());
      case "Workload" -> new Workload(ref, text(n, "registry", "test"), text(n, "cluster", "local"), endpoint(n));
      case "DestinationRule" -> new DestinationRule(ref, n.path("host").asText(), policy(n),
          list(n.path("subsets"), s -> new Subset(s.path("name").asText(), stringMap(s.path("labels")), policy(s))),
          List.of());
      case "VirtualService" -> new VirtualService(ref, strings(n.path("hosts")), strings(n.path("gateways")),
          list(n.path("http"), Fixtures::route), List.of());
      default -> throw new IllegalArgumentException("unknown kind " + kind + " in " + n);
    };
  }

  private static ServicePort port(JsonNode n) {
    return new ServicePort(n.path("number").asInt(), text(n, "name", ""), text(n, "protocol", "HTTP"),
        n.path("targetPort").asInt(0));
  }

  private static Endpoint endpoint(JsonNode n) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    n.path("ports").fields().forEachRemaining(e -> ports.put(e.getKey(), e.getValue().asInt()));
    return new Endpoint(n.path("address").asText(), ports, stringMap(n.path("labels")), text(n, "network", ""),
        text(n, "locality", ""), n.path("weight").asInt(0), text(n, "serviceAccount", ""),
        n.path("healthy").asBoolean(true));
  }

  private static TrafficPolicy policy(JsonNode n) {
    return n.has("loadBalancer")
        ? new TrafficPolicy(TrafficPolicy.LoadBalancer.valueOf(n.get("loadBalancer").asText()))
        : TrafficPolicy.NONE;
  }

  private static HttpRoute route(JsonNode n) {
    return new HttpRoute(text(n, "name", ""), list(n.path("match"), Fixtures::match), list(n.path("route"),
        d -> new RouteDestination(d.path("host").asText(), text(d, "subset", ""), d.path("port").asInt(0),
            d.path("weight").asInt(0))));
  }

  private static HttpMatch match(JsonNode n) {
    Map<String, StringMatch> headers = new LinkedHashMap<>();
    n.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), stringMatch(e.getValue())));
    return new HttpMatch(text(n, "name", ""), n.has("uri") ? stringMatch(n.get("uri")) : null, headers);
  }

  private static StringMatch stringMatch(JsonNode n) {
    if (n.has("exact")) {
      return StringMatch.exact(n.get("exact").asText());
    }
    if (n.has("prefix")) {
      return StringMatch.prefix(n.get("prefix").asText());
    }
    return StringMatch.regex(n.path("regex").asText());
  }

  private static String text(JsonNode n, String field, String dflt) {
    return n.hasNonNull(field) ? n.get(field).asText() : dflt;
  }

  private static List<String> strings(JsonNode n) {
    return list(n, JsonNode::asText);
  }

  private static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static <T> List<T> list(JsonNode n, Function<JsonNode, T> f) {
    List<T> out = new ArrayList<>();
    n.forEach(e -> out.add(f.apply(e)));
    return out;
  }
}
