package io.meshlog.compiler.core.ir;

import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.L4Match;
import io.meshlog.mesh.L4Route;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import io.meshlog.mesh.VirtualService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The TCP/TLS filter chains of one service port, following istiod's sidecar outbound listener
 * (buildSidecarOutboundTLSFilterChainOpts, then ...TCPFilterChainOpts): TLS route matches first (SNI, and the
 * match's destinationSubnets or else the service's addresses), then for a TLS/HTTPS port without TLS routes a
 * chain to the service (by address; by SNI = host when it has none), then TCP routes (the first match without
 * destinationSubnets is the catch-all for the service's addresses and ends the list), then the default chain
 * to the service's addresses.
 *
 * <p>Differences, because meshlog puts every service of a port number in one listener {@code 0.0.0.0_<port>}
 * where istiod gives a service with an address its own listener: "the service's addresses" is a
 * prefix_ranges match on them rather than a listener of its own, and a chain that would match nothing but the
 * port (no address, no subnet, no SNI) is left out, as it could not be told apart from the HTTP catch-all
 * chain (analyze reports it, MLA0008). HTTP-family ports get no chains (istiod ignores tcp/tls routes there),
 * and a TCP port that no TCP or TLS route names keeps only the HTTP chain: meshlog infers TCP for unnamed
 * ports, where istiod would sniff the protocol, so an unconditional tcp_proxy would turn off HTTP routing.
 */
final class TcpChainResolver {
  private static final Set<String> HTTP_FAMILY = Set.of("HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY");
  private static final Set<String> TLS_FAMILY = Set.of("TLS", "HTTPS");

  private TcpChainResolver() {}

  static List<TcpChainIr> chains(UnitKey unit, Service service, ServicePort port, MeshIndex index) {
    String protocol = port.protocol() == null ? "" : port.protocol().toUpperCase(Locale.ROOT);
    if (HTTP_FAMILY.contains(protocol)) {
      return List.of();
    }
    List<String> serviceCidrs = service.addresses().stream().map(TcpChainResolver::cidr).toList();
    List<VirtualService> rules = index.virtualServicesForHost(unit.host()).stream()
        .filter(VirtualService::appliesToMesh)
        .toList();
    Chains out = new Chains();
    boolean tlsMatched = false;
    for (VirtualService vs : rules) {
      for (L4Route route : vs.tls()) {
        for (L4Match m : route.matches()) {
          if (applies(m, vs, unit, index)) {
            List<String> cidrs = m.destinationSubnets().isEmpty()
                ? serviceCidrs : m.destinationSubnets().stream().map(TcpChainResolver::cidr).toList();
            out.add(cidrs, m.sniHosts(), route, unit, index);
            tlsMatched = true;
          }
        }
      }
    }
    String defaultCluster = ClusterNames.outbound(unit.port(), "", unit.host());
    if (!tlsMatched && TLS_FAMILY.contains(protocol)) {
      // istiod matches SNI = host only when the listener is not bound to the service's own address.
      out.add(serviceCidrs, serviceCidrs.isEmpty() ? List.of(unit.host()) : List.of(),
          List.of(new ClusterWeight(defaultCluster, 100)), defaultCluster);
    }
    boolean anyTcp = false;
    tcp:
    for (VirtualService vs : rules) {
      for (L4Route route : vs.tcp()) {
        anyTcp = true;
        if (route.matches().isEmpty()) {
          out.add(serviceCidrs, List.of(), route, unit, index);
          break tcp;
        }
        List<String> subnets = new ArrayList<>();
        for (L4Match m : route.matches()) {
          if (!applies(m, vs, unit, index)) {
            continue;
          }
          if (m.destinationSubnets().isEmpty()) {
            out.add(serviceCidrs, List.of(), route, unit, index);
            break tcp;
          }
          m.destinationSubnets().forEach(s -> subnets.add(cidr(s)));
        }
        if (!subnets.isEmpty()) {
          out.add(subnets, List.of(), route, unit, index);
        }
      }
    }
    if (anyTcp || tlsMatched || TLS_FAMILY.contains(protocol)) {
      out.add(serviceCidrs, List.of(), List.of(new ClusterWeight(defaultCluster, 100)), defaultCluster);
    }
    return out.list;
  }

  /** The port, the gateways and the client conditions for the view's clients ({@link MeshIndex#client}). */
  private static boolean applies(L4Match m, VirtualService vs, UnitKey unit, MeshIndex index) {
    return m.appliesAt(unit.port(), VirtualService.MESH, "") && m.appliesTo(index.client(), vs.key());
  }

  /** Envoy's prefix ranges want a length: a plain address is a host route. */
  static String cidr(String address) {
    if (address.contains("/")) {
      return address;
    }
    return address + (address.contains(":") ? "/128" : "/32");
  }

  /** Chains in order, each (addresses, SNI) match once: istiod keeps the first, and Envoy rejects twins. */
  private static final class Chains {
    private final List<TcpChainIr> list = new ArrayList<>();
    private final Set<List<List<String>>> seen = new HashSet<>();

    void add(List<String> cidrs, List<String> sni, L4Route route, UnitKey unit, MeshIndex index) {
      List<ClusterWeight> targets = RouteResolver.targets(route.destinations(), unit, index);
      if (targets.isEmpty()) {
        return;
      }
      String stat = targets.size() == 1 ? targets.get(0).cluster() : unit.host() + "." + unit.port();
      add(cidrs, sni, targets, stat);
    }

    void add(List<String> cidrs, List<String> sni, List<ClusterWeight> targets, String stat) {
      if (cidrs.isEmpty() && sni.isEmpty()) {
        return; // would match the whole port, like the HTTP chain (see the class comment)
      }
      if (seen.add(List.of(List.copyOf(cidrs), List.copyOf(sni)))) {
        list.add(new TcpChainIr(cidrs, sni, targets, stat));
      }
    }
  }
}
