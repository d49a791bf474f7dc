package io.meshlog.app;

/** Istio YAML for behaviour tests: a gRPC service {@code <app>.demo.svc:8080} over local backends. */
final class MeshYaml {
  private MeshYaml() {}

  /** A ServiceEntry selecting one WorkloadEntry per port, labelled version v1, v2, ... in order. */
  static String service(String app, int... ports) {
    StringBuilder b = new StringBuilder("""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: %1$s, namespace: demo}
        spec:
          hosts: [%1$s.demo.svc]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 8080, name: grpc, protocol: GRPC}]
          workloadSelector: {labels: {app: %1$s}}
        """.formatted(app));
    for (int i = 0; i < ports.length; i++) {
      b.append("""
          ---
          apiVersion: networking.istio.io/v1
          kind: WorkloadEntry
          metadata: {name: %1$s-v%2$d, namespace: demo}
          spec:
            address: 127.0.0.1
            ports: {grpc: %3$d}
            labels: {app: %1$s, version: v%2$d}
          """.formatted(app, i + 1, ports[i]));
    }
    return b.toString();
  }

  /** {@link #service} over two backends (v1, v2) and a DestinationRule with subsets v1 and v2. */
  static String versions(String app, int v1, int v2) {
    return service(app, v1, v2) + """
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: %1$s, namespace: demo}
        spec:
          host: %1$s.demo.svc
          subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
        """.formatted(app);
  }

  /** A VirtualService for the app with one route to it; {@code routeFields} are extra fields of that route. */
  static String virtualService(String app, String routeFields) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %1$s, namespace: demo}
        spec:
          hosts: [%1$s.demo.svc]
          http:
          - route: [{destination: {host: %1$s.demo.svc, port: {number: 8080}}}]
        """.formatted(app) + routeFields.indent(4);
  }

  /** A DestinationRule for the app with this trafficPolicy body. */
  static String destinationRule(String app, String trafficPolicy) {
    return """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: %1$s, namespace: demo}
        spec:
          host: %1$s.demo.svc
          trafficPolicy:
        """.formatted(app) + trafficPolicy.indent(4);
  }
}
