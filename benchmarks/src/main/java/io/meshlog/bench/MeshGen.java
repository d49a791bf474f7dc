package io.meshlog.bench;

import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark mesh, as Istio objects: N filler services (a ServiceEntry each, one inline endpoint, all on
 * port 8080 as most real meshes are) and one probe service whose VirtualService the benchmark flips between
 * subsets v1 and v2, each backed by a real gRPC server.
 */
final class MeshGen {
  static final String API_VERSION = "networking.istio.io/v1";
  static final String NAMESPACE = "bench";
  static final int PORT = 8080;
  /** The header the probe's gRPC client sends, so it follows the route under test. */
  static final String HEADER = "x-bench";

  private MeshGen() {}

  static IstioObject service(int i) {
    return service(i, 0);
  }

  /** Filler service {@code i}, its endpoint on a port that differs by {@code generation} (an endpoint change). */
  static IstioObject service(int i, int generation) {
    String endpointPorts = generation == 0 ? "" : ",\"ports\":{\"grpc\":" + (9000 + generation % 1000) + "}";
    String spec = "{\"endpoints\":[{\"address\":\"10.%d.%d.%d\"%s}],\"hosts\":[\"svc%d.bench.svc\"],"
        .formatted((i >> 16) & 255, (i >> 8) & 255, i & 255, endpointPorts, i)
        + "\"location\":\"MESH_INTERNAL\",\"ports\":[{\"name\":\"grpc\",\"number\":" + PORT
        + ",\"protocol\":\"GRPC\"}],\"resolution\":\"STATIC\"}";
    return new IstioObject(API_VERSION, "ServiceEntry", NAMESPACE, "svc" + i, Map.of(), spec);
  }

  static List<IstioObject> services(int count) {
    List<IstioObject> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(service(i));
    }
    return out;
  }

  /** The probe service {@code name}.bench.svc:8080; {@link #target()} is what a gRPC client dials. */
  record Probe(String name) {
    String host() {
      return name + ".bench.svc";
    }

    String target() {
      return host() + ":" + PORT;
    }

    String cluster(String subset) {
      return "outbound|" + PORT + "|" + subset + "|" + host();
    }

    /** ServiceEntry, two WorkloadEntries (v1, v2 on local ports), DestinationRule, VirtualService → v1. */
    List<IstioObject> objects(int v1Port, int v2Port) {
      String se = "{\"hosts\":[\"" + host() + "\"],\"location\":\"MESH_INTERNAL\",\"ports\":[{\"name\":\"grpc\","
          + "\"number\":" + PORT + ",\"protocol\":\"GRPC\"}],\"resolution\":\"STATIC\","
          + "\"workloadSelector\":{\"labels\":{\"app\":\"" + name + "\"}}}";
      String dr = "{\"host\":\"" + host() + "\",\"subsets\":[{\"labels\":{\"version\":\"v1\"},\"name\":\"v1\"},"
          + "{\"labels\":{\"version\":\"v2\"},\"name\":\"v2\"}]}";
      return List.of(
          new IstioObject(API_VERSION, "ServiceEntry", NAMESPACE, name, Map.of(), se),
          workload("v1", v1Port),
          workload("v2", v2Port),
          new IstioObject(API_VERSION, "DestinationRule", NAMESPACE, name, Map.of(), dr),
          routeTo("v1"));
    }

    private IstioObject workload(String version, int port) {
      String spec = "{\"address\":\"127.0.0.1\",\"labels\":{\"app\":\"" + name + "\",\"version\":\"" + version
          + "\"},\"ports\":{\"grpc\":" + port + "}}";
      return new IstioObject(API_VERSION, "WorkloadEntry", NAMESPACE, name + "-" + version, Map.of(), spec);
    }

    /**
     * The change being measured: the route for requests carrying {@code x-bench: probe} goes to {@code subset},
     * everything else to the other one. Both clusters stay referenced, because grpc-java drops a cluster that
     * leaves the route and was seen not to pick it up again when a route soon points back at it.
     */
    IstioObject routeTo(String subset) {
      String other = subset.equals("v1") ? "v2" : "v1";
      String spec = "{\"hosts\":[\"" + host() + "\"],\"http\":[{\"match\":[{\"headers\":{\"" + HEADER
          + "\":{\"exact\":\"probe\"}}}],\"route\":[" + destination(subset) + "]},{\"route\":["
          + destination(other) + "]}]}";
      return new IstioObject(API_VERSION, "VirtualService", NAMESPACE, name, Map.of(), spec);
    }

    private String destination(String subset) {
      return "{\"destination\":{\"host\":\"" + host() + "\",\"port\":{\"number\":" + PORT
          + "},\"subset\":\"" + subset + "\"}}";
    }
  }

  /** Multi-document YAML for ingest's apply API (a JSON spec is valid YAML). */
  static String yaml(List<IstioObject> objects) {
    StringBuilder out = new StringBuilder();
    for (IstioObject o : objects) {
      out.append("---\napiVersion: ").append(o.apiVersion()).append("\nkind: ").append(o.kind())
          .append("\nmetadata:\n  name: ").append(o.name()).append("\n  namespace: ").append(o.namespace())
          .append("\nspec: ").append(o.specJson()).append('\n');
    }
    return out.toString();
  }

  /** The mesh model of an object, through the same adapter ingest and the compiler use. */
  static MeshObject model(IstioObject o) {
    try {
      return IstioAdapter.toModel(o, "api", "");
    } catch (ValidationException e) {
      throw new IllegalStateException("benchmark mesh is invalid: " + e.getMessage(), e);
    }
  }
}
