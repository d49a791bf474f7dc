package io.meshlog.compiler.core;

import io.meshlog.mesh.ConnectionPool;
import io.meshlog.mesh.ConsistentHash;
import io.meshlog.mesh.DestinationRule;
import io.meshlog.mesh.FaultPolicy;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.ServerTls;
import io.meshlog.mesh.OutlierDetection;
import io.meshlog.mesh.RetryPolicy;
import io.meshlog.mesh.RoutePolicy;
import io.meshlog.mesh.Endpoint;
import io.meshlog.mesh.HttpMatch;
import io.meshlog.mesh.Delegate;
import io.meshlog.mesh.HttpRoute;
import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.EgressHost;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.Sidecar;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.RouteDestination;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import io.meshlog.mesh.StringMatch;
import io.meshlog.mesh.Subset;
import io.meshlog.mesh.TrafficPolicy;
import io.meshlog.mesh.VirtualService;
import io.meshlog.mesh.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random mesh objects over small pools of names, hosts, ports and labels, so that upserts often replace
 * existing objects and objects often depend on each other (shared hosts, selectors, destinations).
 */
final class RandomMesh {
  private static final List<String> NAMESPACES = List.of("a", "b");
  private static final List<String> HOSTS = List.of("h0.svc", "h1.svc", "h2.svc", "h3.svc");
  private static final List<Integer> PORTS = List.of(8080, 9090, 7070);
  private static final List<String> PORT_NAMES = List.of("http", "grpc", "");
  private static final List<String> APPS = List.of("x", "y");
  private static final List<String> VERSIONS = List.of("v1", "v2", "v3");
  private static final List<String> LOCALITIES = List.of("", "r1/z1", "r1/z2/s", "r2");
  private static final List<String> ADDRESSES = List.of("127.0.0.1", "10.0.0.1", "10.0.0.2");
  private static final List<String> PROTOCOLS = List.of("HTTP", "HTTP", "TCP", "TLS");
  private static final List<String> VIPS = List.of("240.0.0.1", "240.0.0.2", "10.9.0.0/16");

  private final Random random;

  RandomMesh(Random random) {
    this.random = random;
  }

  MeshObject next() {
    return switch (random.nextInt(5)) {
      case 0 -> service();
      case 1 -> workload();
      case 2 -> destinationRule();
      case 3 -> switch (random.nextInt(4)) {
        case 0 -> sidecar();
        case 1 -> gateway();
        default -> virtualService();
      };
      default -> virtualService();
    };
  }

  /** A Sidecar of namespace a or b, or the root namespace's default, admitting a random set of hosts. */
  Sidecar sidecar() {
    boolean root = random.nextInt(4) == 0;
    ObjectRef ref = root ? new ObjectRef("Sidecar", Sidecar.ROOT_NAMESPACE, "default") : ref("Sidecar", 2);
    List<EgressHost> hosts = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
      String ns = root ? pick(List.of("*", "a", "b", "~")) : pick(List.of("*", ".", "a", "b", "~"));
      hosts.add(new EgressHost(ns, pick(List.of("*", "*.svc", pick(HOSTS)))));
    }
    Map<String, String> selector = !root && random.nextBoolean() ? Map.of("app", pick(APPS)) : Map.of();
    return new Sidecar(ref, selector, hosts, pick(List.of(Sidecar.OutboundPolicy.values())));
  }

  /** A Gateway of namespace a or b on one of four selectors (one empty), with plaintext, HTTPS, PASSTHROUGH, TCP, TLS-terminating or AUTO_PASSTHROUGH servers over the hosts. */
  Gateway gateway() {
    List<GatewayServer> servers = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
      List<GatewayHost> hosts = List.of(new GatewayHost(pick(List.of("*", ".", "a")), pick(List.of("*", "*.svc", pick(HOSTS)))));
      // plaintext, HTTPS SIMPLE, TLS PASSTHROUGH, TCP, TLS SIMPLE (to TCP routes), TLS AUTO_PASSTHROUGH
      int kind = random.nextInt(6);
      boolean https = kind > 0;
      ServerTls simple = new ServerTls(ServerTls.Mode.SIMPLE, "cert", "", "", "", List.of(), "", "", List.of());
      ServerTls tls = kind == 1 || kind == 4 ? simple : kind == 2 ? ServerTls.passthrough()
          : kind == 5 ? ServerTls.autoPassthrough() : null;
      GatewayServer.Protocol protocol = kind == 0 ? GatewayServer.Protocol.HTTP
          : kind == 1 ? GatewayServer.Protocol.HTTPS : kind == 3 ? GatewayServer.Protocol.TCP : GatewayServer.Protocol.TLS;
      servers.add(new GatewayServer(pick(List.of(80, 443)), protocol, "p" + i, hosts, tls, !https && random.nextBoolean()));
    }
    // Selectors on one key, on another key (routers may carry both: merged classes) or none (every router).
    Map<String, String> selector = pick(List.of(Map.of("istio", pick(APPS)), Map.of("tier", "edge"), Map.of()));
    return new Gateway(ref("Gateway", 2), selector, servers);
  }

  private List<String> exportTo() {
    return pick(List.of(List.of(), List.of(), List.of("."), List.of("~"), List.of("a"), List.of("*")));
  }

  private ObjectRef ref(String kind, int names) {
    return new ObjectRef(kind, pick(NAMESPACES), kind.toLowerCase() + random.nextInt(names));
  }

  Service service() {
    List<ServicePort> ports = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
      ports.add(new ServicePort(pick(PORTS), pick(PORT_NAMES), pick(PROTOCOLS), random.nextInt(3) == 0 ? 8000 : 0));
    }
    boolean selector = random.nextBoolean();
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0, n = selector ? 0 : random.nextInt(3); i < n; i++) {
      endpoints.add(endpoint());
    }
    List<String> addresses = random.nextBoolean() ? List.of() : List.of(pick(VIPS));
    return new Service(ref("Service", 4), someOf(HOSTS, 1 + random.nextInt(2)), addresses, ports,
        Service.Location.MESH_INTERNAL, Service.Resolution.STATIC, endpoints,
        selector ? Map.of("app", pick(APPS)) : Map.of(), exportTo());
  }

  Workload workload() {
    return new Workload(ref("Workload", 6), "test", random.nextBoolean() ? "c1" : "c2", endpoint());
  }

  private Endpoint endpoint() {
    Map<String, Integer> ports = random.nextBoolean() ? Map.of("http", 50000 + random.nextInt(3)) : Map.of();
    return new Endpoint(pick(ADDRESSES), ports, Map.of("app", pick(APPS), "version", pick(VERSIONS)), "",
        pick(LOCALITIES), random.nextInt(3), "", random.nextInt(5) != 0);
  }

  DestinationRule destinationRule() {
    List<Subset> subsets = new ArrayList<>();
    for (int i = 0, n = random.nextInt(3); i < n; i++) {
      String version = pick(VERSIONS);
      subsets.add(new Subset(version, Map.of("version", version), policy()));
    }
    return new DestinationRule(ref("DestinationRule", 3), pick(HOSTS), policy(), subsets, exportTo());
  }

  private TrafficPolicy policy() {
    TrafficPolicy.LoadBalancer[] all = TrafficPolicy.LoadBalancer.values();
    if (random.nextBoolean()) {
      return TrafficPolicy.NONE;
    }
    TrafficPolicy.Builder b = TrafficPolicy.builder();
    switch (random.nextInt(3)) {
      case 0 -> b.loadBalancer(all[random.nextInt(all.length)]);
      case 1 -> b.consistentHash(switch (random.nextInt(4)) {
        case 0 -> ConsistentHash.header("x-u", 1024);
        case 1 -> ConsistentHash.sourceIp(0);
        case 2 -> new ConsistentHash(new ConsistentHash.Cookie("c", "/", 60_000), ConsistentHash.Table.MAGLEV, 65537);
        default -> new ConsistentHash(new ConsistentHash.QueryParameter("u"), ConsistentHash.Table.RING, 0);
      });
      default -> { }
    }
    if (random.nextInt(3) == 0) {
      b.outlierDetection(new OutlierDetection(1 + random.nextInt(3), 0, 1000, 30000, 50));
    }
    if (random.nextInt(3) == 0) {
      b.connectionPool(random.nextBoolean() ? new ConnectionPool(0, 1 + random.nextInt(3), 0, 0)
          : ConnectionPool.builder().connectTimeoutMillis(500).idleTimeoutMillis(30_000).maxRetries(2).build());
    }
    return b.build();
  }

  private RoutePolicy routePolicy() {
    return switch (random.nextInt(4)) {
      case 0 -> RoutePolicy.builder().timeoutMillis(1500).build();
      case 1 -> RoutePolicy.builder().retries(new RetryPolicy(random.nextInt(3), 0, List.of("unavailable"))).build();
      case 2 -> RoutePolicy.builder().fault(new FaultPolicy(null,
          new FaultPolicy.Abort(FaultPolicy.Abort.Kind.GRPC, 14, 50))).build();
      default -> RoutePolicy.NONE;
    };
  }

  VirtualService virtualService() {
    List<HttpRoute> routes = new ArrayList<>();
    // A quarter are delegates (no hosts); a root's route delegates one time in four, to any VirtualService name,
    // so delegates that exist, are missing or have hosts all occur.
    boolean delegate = random.nextInt(4) == 0;
    for (int i = 0, n = random.nextInt(3) + (delegate ? 1 : 0); i < n; i++) {
      if (!delegate && random.nextInt(4) == 0) {
        routes.add(new HttpRoute("d" + i, matches(), List.of(), RoutePolicy.NONE,
            new Delegate("virtualservice" + random.nextInt(4), pick(NAMESPACES))));
      } else {
        routes.add(new HttpRoute("r" + i, matches(), destinations(), routePolicy()));
      }
    }
    List<String> gateways = delegate ? List.of() : pick(List.of(List.of(), List.of(), List.of("some-gateway"),
        List.of("gateway0"), List.of("a/gateway1", "mesh")));
    List<L4Route> tcp = new ArrayList<>();
    List<L4Route> tls = new ArrayList<>();
    for (int i = 0, n = delegate ? 0 : random.nextInt(3); i < n; i++) {
      L4Match.Builder m = L4Match.builder().port(random.nextBoolean() ? 0 : pick(PORTS));
      if (random.nextBoolean()) {
        m.destinationSubnets(List.of(pick(VIPS)));
      }
      m.sourceLabels(sourceLabels()).sourceNamespace(sourceNamespace());
      if (random.nextBoolean()) {
        tcp.add(new L4Route(random.nextBoolean() ? List.of() : List.of(m.build()), destinations()));
      } else {
        // Sometimes bound at a Gateway by the match's own gateways (a PASSTHROUGH server then forwards it).
        m.gateways(pick(List.of(List.of(), List.of(), List.of("a/gateway1"), List.of("gateway0", "mesh"))));
        tls.add(new L4Route(List.of(m.sniHosts(List.of(pick(HOSTS))).build()), destinations()));
      }
    }
    return new VirtualService(ref("VirtualService", 4), delegate ? List.of() : someOf(HOSTS, 1 + random.nextInt(2)),
        gateways, routes, tcp, tls, exportTo());
  }

  private List<HttpMatch> matches() {
    List<HttpMatch> out = new ArrayList<>();
    for (int i = 0, n = random.nextInt(3); i < n; i++) {
      Map<String, StringMatch> headers = new LinkedHashMap<>();
      if (random.nextBoolean()) {
        headers.put("x-b", StringMatch.exact("1"));
        headers.put("x-a", StringMatch.regex("a.*"));
      }
      StringMatch uri = switch (random.nextInt(4)) {
        case 0 -> StringMatch.exact("/e");
        case 1 -> StringMatch.prefix("/p");
        case 2 -> StringMatch.regex("/r.*");
        default -> null;
      };
      out.add(HttpMatch.builder().name("m" + i).uri(uri).headers(headers)
          .sourceLabels(sourceLabels()).sourceNamespace(sourceNamespace()).build());
    }
    return out;
  }

  /** Client conditions, mostly none: label sets on two keys, namespaces with and without Sidecars. */
  private Map<String, String> sourceLabels() {
    return pick(List.of(Map.of(), Map.of(), Map.of(), Map.of("app", pick(APPS)), Map.of("tier", "t")));
  }

  private String sourceNamespace() {
    return pick(List.of("", "", "", "", "a", "c"));
  }

  private List<RouteDestination> destinations() {
    List<RouteDestination> out = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      int port = random.nextBoolean() ? 0 : pick(PORTS);
      String subset = random.nextBoolean() ? "" : pick(VERSIONS);
      out.add(new RouteDestination(pick(HOSTS), subset, port, random.nextInt(4) * 10));
    }
    return out;
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private List<String> someOf(List<String> from, int n) {
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      String s = pick(from);
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
