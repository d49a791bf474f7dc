package io.meshlog.mesh.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per analyzer code: a clean mesh has no findings; each test breaks it in one way and expects exactly
 * one finding with that code, severity, object and field.
 */
class AnalyzerTest {
  static final String SERVICE = """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: echo, namespace: demo}
      spec:
        hosts: [echo.demo.svc]
        location: MESH_INTERNAL
        resolution: STATIC
        ports: [{number: 8080, name: grpc, protocol: GRPC}]
        workloadSelector: {labels: {app: echo}}
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: echo-v1, namespace: demo}
      spec: {address: 127.0.0.1, labels: {app: echo, version: v1}}
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: echo-v2, namespace: demo}
      spec: {address: 127.0.0.2, labels: {app: echo, version: v2}}
      """;
  static final String RULE = """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: echo, namespace: demo}
      spec:
        host: echo.demo.svc
        subsets:
        - {name: v1, labels: {version: v1}}
        - {name: v2, labels: {version: v2}}
      """;

  static String routes(String name, String host, String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %s, namespace: demo}
        spec:
          hosts: [%s]
          http:
        """.formatted(name, host) + http.indent(4);
  }

  static final String SPLIT = routes("echo", "echo.demo.svc", """
      - route:
        - {destination: {host: echo.demo.svc, subset: v1}, weight: 80}
        - {destination: {host: echo.demo.svc, subset: v2}, weight: 20}
      """);

  static List<Finding> analyze(String... docs) {
    return new AnalysisInput().add(String.join("---\n", docs), "test.yaml", "demo").analyze();
  }

  static Finding only(List<Finding> findings) {
    assertEquals(1, findings.size(), () -> "expected one finding, got " + findings);
    return findings.get(0);
  }

  static void expect(Finding f, String code, Severity severity, String object, String field) {
    assertEquals(List.of(code, severity, object, field), List.of(f.code(), f.severity(), f.object(), f.field()), f::toString);
  }

  @Test
  void cleanMeshHasNoFindings() {
    assertEquals(List.of(), analyze(SERVICE, RULE, SPLIT));
  }

  @Test
  void mla0000ValidationErrorsAreFindings() {
    Finding f = only(analyze(SERVICE, RULE, routes("echo", "echo.demo.svc", """
        - route:
          - {destination: {host: echo.demo.svc, subset: v1}, weight: 80}
          - {destination: {host: echo.demo.svc, subset: v2}, weight: 10}
        """)));
    expect(f, "MLA0000", Severity.ERROR, "VirtualService demo/echo", "spec.http[0].route");
  }

  @Test
  void mla0001SubsetThatNoDestinationRuleDefines() {
    Finding f = only(analyze(SERVICE, RULE, routes("echo", "echo.demo.svc", """
        - route: [{destination: {host: echo.demo.svc, subset: v3}}]
        """)));
    expect(f, "MLA0001", Severity.ERROR, "VirtualService demo/echo", "spec.http[0].route[0].destination.subset");
  }

  @Test
  void mla0002VirtualServiceHostWithoutServiceEntry() {
    Finding f = only(analyze(SERVICE, RULE, routes("typo", "ecco.demo.svc", """
        - route: [{destination: {host: echo.demo.svc}}]
        """), SPLIT));
    expect(f, "MLA0002", Severity.WARNING, "VirtualService demo/typo", "spec.hosts[0]");
  }

  @Test
  void mla0003TwoVirtualServicesForOneHost() {
    Finding f = only(analyze(SERVICE, RULE, SPLIT, routes("echo-canary", "echo.demo.svc", """
        - route: [{destination: {host: echo.demo.svc, subset: v2}}]
        """)));
    // "echo" sorts before "echo-canary", so the canary is the one that does not apply.
    expect(f, "MLA0003", Severity.WARNING, "VirtualService demo/echo-canary", "spec.hosts[0]");
  }

  @Test
  void mla0004SubsetThatSelectsNoWorkload() {
    Finding f = only(analyze(SERVICE, SPLIT, RULE.replace("{version: v2}", "{version: V2}")));
    expect(f, "MLA0004", Severity.WARNING, "DestinationRule demo/echo", "spec.subsets[1].labels");
  }

  @Test
  void mla0005RouteAfterACatchAll() {
    Finding f = only(analyze(SERVICE, RULE, routes("echo", "echo.demo.svc", """
        - match: [{uri: {prefix: /}}]
          route: [{destination: {host: echo.demo.svc, subset: v1}}]
        - match: [{headers: {x-user: {exact: alice}}}]
          route: [{destination: {host: echo.demo.svc, subset: v2}}]
        """)));
    expect(f, "MLA0005", Severity.WARNING, "VirtualService demo/echo", "spec.http[1]");
  }

  @Test
  void mla0005NotReportedWhenTheCatchAllIsLast() {
    assertEquals(List.of(), analyze(SERVICE, RULE, routes("echo", "echo.demo.svc", """
        - match: [{headers: {x-user: {exact: alice}}}]
          route: [{destination: {host: echo.demo.svc, subset: v2}}]
        - route: [{destination: {host: echo.demo.svc, subset: v1}}]
        """)));
  }

  @Test
  void mla0005NotReportedAfterAMatchForOnePortOnly() {
    // On other ports the first route does not apply, so the second is reachable there.
    assertEquals(List.of(), analyze(SERVICE, RULE, routes("echo", "echo.demo.svc", """
        - match: [{port: 9090}]
          route: [{destination: {host: echo.demo.svc, subset: v1}}]
        - match: [{headers: {x-user: {exact: alice}}}]
          route: [{destination: {host: echo.demo.svc, subset: v2}}]
        """)));
  }

  @Test
  void mla0006SamePortWithAnotherProtocol() {
    Finding f = only(analyze(SERVICE, RULE, SPLIT, """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: echo-http, namespace: other}
        spec:
          hosts: [echo.demo.svc]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 8080, name: http, protocol: HTTP}]
          endpoints: [{address: 127.0.0.3, labels: {version: v1}}]
        """));
    expect(f, "MLA0006", Severity.ERROR, "ServiceEntry other/echo-http", "spec.ports[0].protocol");
  }

  @Test
  void mla0007DestinationRuleHostWithoutServiceEntry() {
    Finding f = only(analyze(SERVICE, RULE, SPLIT, RULE.replace("name: echo,", "name: typo,")
        .replace("host: echo.demo.svc", "host: echo.demo")));
    expect(f, "MLA0007", Severity.WARNING, "DestinationRule demo/typo", "spec.host");
  }

  @Test
  void findingsAreSortedAndStable() {
    String broken = routes("echo", "echo.demo.svc", """
        - route: [{destination: {host: echo.demo.svc, subset: v9}}]
        - route: [{destination: {host: echo.demo.svc, subset: v8}}]
        """);
    List<Finding> a = analyze(broken, RULE, SERVICE);
    assertEquals(a, analyze(SERVICE, RULE, broken));
    assertEquals(List.of("spec.http[0].route[0].destination.subset", "spec.http[1]",
        "spec.http[1].route[0].destination.subset"), a.stream().map(Finding::field).toList());
  }

  static String sidecar(String name, String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: %s, namespace: demo}
        spec:
        """.formatted(name) + spec.indent(2);
  }

  @Test
  void mla0015TwoSidecarsForTheSameProxies() {
    String a = sidecar("a", "egress: [{hosts: [\"./*\"]}]");
    assertEquals(List.of(), analyze(SERVICE, RULE, SPLIT, a, sidecar("b", """
        workloadSelector: {labels: {app: web}}
        egress: [{hosts: ["./*"]}]
        """)), "a selector-less and a selecting Sidecar are different levels");
    Finding f = only(analyze(SERVICE, RULE, SPLIT, a, sidecar("b", "egress: [{hosts: [\"*/*\"]}]")));
    expect(f, "MLA0015", Severity.WARNING, "Sidecar demo/b", "spec");
    Finding g = only(analyze(SERVICE, RULE, SPLIT, sidecar("web", """
        workloadSelector: {labels: {app: web}}
        egress: [{hosts: ["./*"]}]
        """), sidecar("web-v1", """
        workloadSelector: {labels: {app: web, version: v1}}
        egress: [{hosts: ["./*"]}]
        """)));
    expect(g, "MLA0015", Severity.WARNING, "Sidecar demo/web-v1", "spec.workloadSelector.labels");
  }

  @Test
  void mla0016EgressHostThatAdmitsNoService() {
    Finding f = only(analyze(SERVICE, RULE, SPLIT, sidecar("a", "egress: [{hosts: [\"./*\", \"demo/echo\"]}]")));
    expect(f, "MLA0016", Severity.WARNING, "Sidecar demo/a", "spec.egress[0].hosts[1]");
  }

  static String gateway(String name, String servers) {
    return gateway(name, "istio: ingressgateway", servers);
  }

  static String gateway(String name, String selector, String servers) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: %s, namespace: demo}
        spec:
          selector: {%s}
          servers:
        """.formatted(name, selector) + servers.indent(4);
  }

  /** An HTTPS server on port 80, where INGRESS has its plaintext one. */
  private static final String HTTPS_ON_80 = """
      - {port: {number: 80, name: https, protocol: HTTPS}, hosts: [echo.example.com], tls: {mode: SIMPLE, credentialName: c}}
      """;

  static final String INGRESS = gateway("ingress", """
      - {port: {number: 80, name: http, protocol: HTTP}, hosts: [echo.example.com]}
      """);

  static String bound(String gateways) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo-ingress, namespace: demo}
        spec:
          hosts: [echo.example.com]
          gateways: %s
          http: [{route: [{destination: {host: echo.demo.svc}}]}]
        """.formatted(gateways);
  }

  @Test
  void aGatewayWithABoundVirtualServiceIsClean() {
    assertEquals(List.of(), analyze(SERVICE, RULE, SPLIT, INGRESS, bound("[ingress]")));
  }

  @Test
  void mla0020VirtualServiceBoundToAMissingGateway() {
    Finding f = only(analyze(SERVICE, RULE, SPLIT, INGRESS, bound("[ingress, other/ingress]")));
    expect(f, "MLA0020", Severity.WARNING, "VirtualService demo/echo-ingress", "spec.gateways[1]");
  }

  @Test
  void mla0021ServerHostNoVirtualServiceCovers() {
    Finding f = only(analyze(SERVICE, RULE, SPLIT, gateway("ingress", """
        - {port: {number: 80, name: http, protocol: HTTP}, hosts: [echo.example.com, "./other.example.com"]}
        - {port: {number: 8080, name: http-redirect, protocol: HTTP}, hosts: [x.example.com], tls: {httpsRedirect: true}}
        """), bound("[ingress]")));
    expect(f, "MLA0021", Severity.WARNING, "Gateway demo/ingress", "spec.servers[0].hosts[1]");
  }

  @Test
  void mla0022ServersThatCannotShareAPort() {
    Finding f = only(analyze(SERVICE, RULE, SPLIT, INGRESS, gateway("secure", HTTPS_ON_80), bound("[ingress, secure]")));
    expect(f, "MLA0022", Severity.ERROR, "Gateway demo/secure", "spec.servers[0].port");
    String twice = gateway("secure", """
        - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [echo.example.com], tls: {mode: SIMPLE, credentialName: c}}
        - {port: {number: 443, name: https-2, protocol: HTTPS}, hosts: [echo.example.com], tls: {mode: SIMPLE, credentialName: d}}
        """);
    f = only(analyze(SERVICE, RULE, SPLIT, twice, bound("[secure]")));
    expect(f, "MLA0022", Severity.ERROR, "Gateway demo/secure", "spec.servers[1].hosts");
  }

  @Test
  void mla0022AlsoBetweenGatewaysWhoseSelectorsShareRouters() {
    // A selector-less Gateway is merged into every router's class; tier=edge routers may carry istio=ingressgateway.
    Finding f = only(analyze(SERVICE, RULE, SPLIT, INGRESS, gateway("all", "", HTTPS_ON_80), bound("[all, ingress]")));
    expect(f, "MLA0022", Severity.ERROR, "Gateway demo/ingress", "spec.servers[0].port");
    String otherApp = gateway("all", "istio: egressgateway", HTTPS_ON_80);
    assertEquals(List.of(), analyze(SERVICE, RULE, SPLIT, INGRESS, otherApp, bound("[all, ingress]")),
        "selectors no router can carry together never merge");
  }

  @Test
  void mla0045SelectorsBeyondTheCapOnGatewayClasses() {
    // Six independent selectors could make 64 sets a router matches; a..e make 32, f is left out.
    List<String> docs = new java.util.ArrayList<>(List.of(SERVICE, RULE, SPLIT));
    for (String k : List.of("f", "a", "b", "c", "d", "e")) {
      docs.add(gateway("gw-" + k, k + ": \"1\"", """
          - {port: {number: 80, name: http, protocol: HTTP}, hosts: [echo.example.com]}
          """));
    }
    List<Finding> found = analyze(docs.toArray(String[]::new)).stream()
        .filter(x -> x.code().equals("MLA0045")).toList();
    assertEquals(1, found.size(), found::toString);
    expect(found.get(0), "MLA0045", Severity.ERROR, "Gateway demo/gw-f", "spec.selector");
  }

  @Test
  void mla0022TcpServersCannotShareAPort() {
    String tcp = gateway("tcp", """
        - {port: {number: 80, name: tcp, protocol: TCP}, hosts: ["*"]}
        - {port: {number: 31400, name: tcp-a, protocol: TCP}, hosts: ["*"]}
        - {port: {number: 31400, name: tcp-b, protocol: TCP}, hosts: ["*"]}
        """);
    List<Finding> found = analyze(SERVICE, RULE, SPLIT, INGRESS, tcp, bound("[ingress]")).stream()
        .filter(x -> x.code().equals("MLA0022")).toList();
    assertEquals(2, found.size(), found::toString);
    expect(found.get(0), "MLA0022", Severity.ERROR, "Gateway demo/tcp", "spec.servers[0].port");
    assertTrue(found.get(0).message().contains("already plaintext HTTP"), found.get(0).message());
    expect(found.get(1), "MLA0022", Severity.ERROR, "Gateway demo/tcp", "spec.servers[2].port");
  }

  @Test
  void mla0046TcpServerWithoutABoundTcpRoute() {
    String tcp = gateway("tcp", """
        - {port: {number: 31400, name: tcp, protocol: TCP}, hosts: [db.example.com]}
        - {port: {number: 9443, name: tls, protocol: TLS}, hosts: [q.example.com], tls: {mode: SIMPLE, credentialName: c}}
        """);
    String route = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: db, namespace: demo}
        spec:
          hosts: [db.example.com]
          gateways: [tcp]
          tcp:
          - match: [{port: 31400}]
            route: [{destination: {host: echo.demo.svc}}]
        """;
    Finding f = only(analyze(SERVICE, RULE, SPLIT, tcp, route));
    expect(f, "MLA0046", Severity.WARNING, "Gateway demo/tcp", "spec.servers[1]");
  }

  @Test
  void mla0047AutoPassthroughServerCoveringNoService() {
    String eastWest = gateway("east-west", """
        - {port: {number: 15443, name: tls, protocol: TLS}, hosts: ["*.svc"], tls: {mode: AUTO_PASSTHROUGH}}
        - {port: {number: 15444, name: tls-b, protocol: TLS}, hosts: ["*.local"], tls: {mode: AUTO_PASSTHROUGH}}
        """);
    Finding f = only(analyze(SERVICE, RULE, SPLIT, eastWest));
    expect(f, "MLA0047", Severity.WARNING, "Gateway demo/east-west", "spec.servers[1].hosts");
  }

  @Test
  void mla0030PassthroughServerWithoutABoundTlsRoute() {
    String edge = gateway("edge", """
        - {port: {number: 443, name: tls, protocol: TLS}, hosts: ["*.example.com"], tls: {mode: PASSTHROUGH}}
        - {port: {number: 8443, name: tls-b, protocol: TLS}, hosts: [b.example.com], tls: {mode: PASSTHROUGH}}
        """);
    String tls = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: a, namespace: demo}
        spec:
          hosts: [a.example.com]
          gateways: [%s]
          tls:
          - match: [{sniHosts: [a.example.com], gateways: [edge]}]
            route: [{destination: {host: echo.demo.svc}}]
        """;
    List<Finding> found = analyze(SERVICE, RULE, SPLIT, edge, tls.formatted("edge")).stream()
        .filter(f -> f.code().equals("MLA0030")).toList();
    // port 443 admits a.example.com; b.example.com on 8443 meets no sniHost.
    expect(only(found), "MLA0030", Severity.WARNING, "Gateway demo/edge", "spec.servers[1]");
    // Bound only by its match's gateways, the VirtualService reaches neither server (they narrow, as in istiod).
    assertEquals(2, analyze(SERVICE, RULE, SPLIT, edge, tls.formatted("mesh")).stream()
        .filter(f -> f.code().equals("MLA0030")).count());
  }
}
