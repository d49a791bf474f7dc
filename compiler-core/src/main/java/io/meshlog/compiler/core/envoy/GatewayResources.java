package io.meshlog.compiler.core.envoy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.compiler.core.ir.GatewayTlsChains;
import io.meshlog.compiler.core.ir.TcpChainIr;
import io.meshlog.mesh.Gateway;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.XdsTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The resources of one gateway class ({@code gateway@<selectors>}): every Gateway of the class's selector set
 * merged, as Istio merges all Gateways selecting a router. Per port one listener {@code 0.0.0.0_<port>}: plaintext HTTP
 * servers share one HCM with RDS {@code http.<port>}; each HTTPS server is a filter chain matched by SNI on its
 * hosts, terminating TLS and using RDS {@code https.<port>.<portName>.<gateway>.<namespace>} (istiod's names);
 * a PASSTHROUGH server (HTTPS or TLS) adds a chain per bound TLS route match, forwarding by SNI with tcp_proxy
 * ({@link GatewayTlsChains}); a TLS server terminating TLS is a chain matched by SNI on its hosts, terminating TLS
 * and forwarding with tcp_proxy by its TCP route; a TCP server is the port's one chain, forwarding by its TCP
 * route. The first server on a port (Gateways by namespace and name, servers in order)
 * decides whether the port is plaintext HTTP, TCP or SNI-matched; servers of another kind there, and a chain whose match
 * repeats an earlier one, are left out (reported by analyze, MLA0022). A port left with no chain (PASSTHROUGH
 * with no bound TLS route) gets no listener, as in istiod: Envoy rejects a listener without filter chains. Clusters and endpoints of routed services are the sidecar
 * class's bytes re-keyed under this class.
 */
public final class GatewayResources {
  static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";
  private static final String ANY_ADDRESS = "0.0.0.0";

  private GatewayResources() {}

  /**
   * What a gateway class compiled to, and what it depends on: the service hosts of its routes' destinations and
   * of its SNI-DNAT clusters, and the host patterns of its AUTO_PASSTHROUGH servers (a service appearing under one
   * adds clusters).
   */
  public record Output(SortedMap<ResourceKey, CompiledResource> resources, SortedSet<String> hosts,
      SortedSet<String> hostPatterns) {}

  /**
   * @param selectors the class's set of canonical Gateway selectors (a router's class is the set it matches)
   * @param gateways the Gateways of those selectors, by (namespace, name); empty: the class is gone
   * @param sidecarClusters a host's clusters and endpoints as the sidecar class has them
   */
  public static Output compile(String proxyClass, SortedSet<String> selectors, List<Gateway> gateways, MeshIndex index,
      Function<String, Collection<CompiledResource>> sidecarClusters) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    SortedSet<String> hosts = new TreeSet<>();
    SortedSet<String> sniDnatHosts = new TreeSet<>();
    SortedSet<String> patterns = new TreeSet<>();
    if (gateways.isEmpty()) {
      return new Output(out, hosts, patterns);
    }
    TreeMap<Integer, List<GatewayVirtualHosts.Bound>> byPort = new TreeMap<>();
    for (Gateway g : gateways) {
      for (GatewayServer s : g.servers()) {
        byPort.computeIfAbsent(s.port(), p -> new ArrayList<>()).add(new GatewayVirtualHosts.Bound(g, s));
      }
    }
    byPort.forEach((port, servers) -> {
      GatewayServer.Protocol first = servers.get(0).server().protocol();
      List<GatewayVirtualHosts.Bound> kept = servers.stream()
          .filter(b -> b.server().protocol().portKind().equals(first.portKind())).toList();
      if (first.sniMatched()) {
        addHttps(out, proxyClass, port, kept, index, hosts, sniDnatHosts, patterns);
      } else if (first.plaintextHttp()) {
        addHttp(out, proxyClass, port, kept, index, hosts);
      } else {
        addTcp(out, proxyClass, port, kept, index, hosts);
      }
    });
    for (String host : sniDnatHosts) {
      AutoPassthrough.putClusters(out, proxyClass, sidecarClusters.apply(host));
    }
    hosts.addAll(sniDnatHosts); // their endpoints are the sidecar's, under the sidecar's EDS names
    for (String host : hosts) {
      for (CompiledResource r : sidecarClusters.apply(host)) {
        ResourceKey k = new ResourceKey(proxyClass, r.key().typeUrl(), r.key().name());
        out.put(k, new CompiledResource(k, r.bytes(), r.version()));
      }
    }
    ClusterResources.put(out, new ResourceKey(ProxyClasses.DIRECTORY, ProxyClasses.SCOPE_TYPE, proxyClass),
        directoryEntry(proxyClass, selectors, gateways));
    return new Output(out, hosts, patterns);
  }

  private static void addHttp(SortedMap<ResourceKey, CompiledResource> out, String proxyClass, int port,
      List<GatewayVirtualHosts.Bound> servers, MeshIndex index, SortedSet<String> hosts) {
    String routeName = "http." + port;
    FilterChain chain = FilterChain.newBuilder().addFilters(hcm(port, routeName)).build();
    ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.LISTENER, listenerName(port)),
        listener(port, List.of(chain), false));
    RouteConfiguration routes = GatewayVirtualHosts.build(routeName, port, servers, index, hosts);
    ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.ROUTE, routeName), routes);
  }

  /**
   * A TCP port: one chain matching every connection, forwarding by the TCP route of the port's first server
   * (nothing tells connections for two TCP servers apart, so the first keeps the port, as in istiod; MLA0022);
   * without a route, no listener.
   */
  private static void addTcp(SortedMap<ResourceKey, CompiledResource> out, String proxyClass, int port,
      List<GatewayVirtualHosts.Bound> servers, MeshIndex index, SortedSet<String> hosts) {
    GatewayVirtualHosts.Bound b = servers.get(0);
    GatewayTlsChains.tcp(b.gateway(), b.server(), index, hosts).ifPresent(c -> ClusterResources.put(out,
        new ResourceKey(proxyClass, XdsTypes.LISTENER, listenerName(port)),
        listener(port, List.of(FilterChain.newBuilder().addFilters(tcpProxy(c)).build()), false)));
  }

  private static Filter tcpProxy(TcpChainIr c) {
    return Filter.newBuilder().setName(TcpChainFactory.TCP_PROXY).setTypedConfig(Protos.pack(TcpChainFactory.tcpProxy(c)))
        .build();
  }

  /**
   * @param sniDnatHosts receives the service hosts AUTO_PASSTHROUGH servers reach, whose SNI-DNAT clusters the
   *     class carries
   * @param patterns receives those servers' hosts
   */
  private static void addHttps(SortedMap<ResourceKey, CompiledResource> out, String proxyClass, int port,
      List<GatewayVirtualHosts.Bound> servers, MeshIndex index, SortedSet<String> hosts,
      SortedSet<String> sniDnatHosts, SortedSet<String> patterns) {
    List<FilterChain> chains = new ArrayList<>();
    Set<FilterChainMatch> seen = new HashSet<>(); // membership only
    for (GatewayVirtualHosts.Bound b : servers) {
      if (b.server().autoPassthrough()) {
        FilterChainMatch match = sniMatch(b.server());
        if (seen.add(match)) {
          chains.add(AutoPassthrough.chain(match));
          sniDnatHosts.addAll(AutoPassthrough.hosts(b.server(), index));
          b.server().hosts().forEach(h -> patterns.add(h.host()));
          ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.CLUSTER, AutoPassthrough.BLACKHOLE),
              AutoPassthrough.blackhole());
        }
        continue;
      }
      if (b.server().passthrough()) {
        for (TcpChainIr c : GatewayTlsChains.chains(b.gateway(), b.server(), index, hosts)) {
          FilterChainMatch match = TcpChainFactory.match(c);
          if (seen.add(match)) {
            chains.add(FilterChain.newBuilder().setFilterChainMatch(match).addFilters(tcpProxy(c)).build());
          }
        }
        continue;
      }
      FilterChainMatch match = sniMatch(b.server());
      if (b.server().routesTcp()) {
        // TLS terminated, then the plaintext bytes go to the server's TCP route (istiod: a TLS server in
        // SIMPLE or MUTUAL mode); no route, no chain, so the SNI stays free for a later server.
        Optional<TcpChainIr> c = GatewayTlsChains.tcp(b.gateway(), b.server(), index, hosts);
        if (c.isPresent() && seen.add(match)) {
          chains.add(FilterChain.newBuilder()
              .setFilterChainMatch(match)
              .setTransportSocket(DownstreamTlsFactory.transportSocket(b.server().tls(), false))
              .addFilters(tcpProxy(c.get()))
              .build());
        }
        continue;
      }
      if (!seen.add(match)) {
        continue; // Envoy rejects a listener whose chains repeat a match; the first server keeps it
      }
      Gateway g = b.gateway();
      String routeName = "https." + port + "." + b.server().portName() + "." + g.ref().name() + "." + g.ref().namespace();
      chains.add(FilterChain.newBuilder()
          .setFilterChainMatch(match)
          .setTransportSocket(DownstreamTlsFactory.transportSocket(b.server().tls(), true))
          .addFilters(hcm(port, routeName))
          .build());
      RouteConfiguration routes = GatewayVirtualHosts.build(routeName, port, List.of(b), index, hosts);
      ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.ROUTE, routeName), routes);
    }
    if (!chains.isEmpty()) {
      ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.LISTENER, listenerName(port)),
          listener(port, chains, true));
    }
  }

  /** SNI names: the server's hosts; none (any name) when a host is {@code *}. */
  private static FilterChainMatch sniMatch(GatewayServer server) {
    SortedSet<String> names = new TreeSet<>();
    for (GatewayHost h : server.hosts()) {
      if (h.host().equals(GatewayHost.ANY)) {
        return FilterChainMatch.getDefaultInstance();
      }
      names.add(h.host());
    }
    return FilterChainMatch.newBuilder().addAllServerNames(names).build();
  }

  private static Filter hcm(int port, String routeName) {
    return Filter.newBuilder()
        .setName(SidecarResources.HCM_FILTER)
        .setTypedConfig(Protos.pack(HcmFactory.build("outbound_" + listenerName(port), routeName)))
        .build();
  }

  private static String listenerName(int port) {
    return ANY_ADDRESS + "_" + port;
  }

  /** With TLS chains, the TLS inspector reads the SNI the chains are matched on. */
  private static Listener listener(int port, List<FilterChain> chains, boolean tls) {
    Listener.Builder l = Listener.newBuilder()
        .setName(listenerName(port))
        .setAddress(Address.newBuilder()
            .setSocketAddress(SocketAddress.newBuilder().setAddress(ANY_ADDRESS).setPortValue(port)))
        .addAllFilterChains(chains);
    if (tls) {
      l.addListenerFilters(ListenerFilter.newBuilder()
          .setName(TLS_INSPECTOR)
          .setTypedConfig(Protos.pack(TlsInspector.getDefaultInstance())));
    }
    return l.build();
  }

  /**
   * What a gateway needs to map a router node to this class: kind {@code gateway}, the canonical selectors whose
   * set it is, and the Gateways merged into it. Struct maps serialize sorted, so the bytes are deterministic.
   */
  private static Struct directoryEntry(String proxyClass, SortedSet<String> selectors, List<Gateway> gateways) {
    ListValue.Builder sels = ListValue.newBuilder();
    selectors.forEach(sel -> sels.addValues(str(sel)));
    ListValue.Builder ids = ListValue.newBuilder();
    gateways.forEach(g -> ids.addValues(str(g.id())));
    return Struct.newBuilder()
        .putFields("kind", str("gateway"))
        .putFields("selectors", Value.newBuilder().setListValue(sels).build())
        .putFields("classes", Value.newBuilder().setListValue(ListValue.newBuilder().addValues(str(proxyClass))).build())
        .putFields("gateways", Value.newBuilder().setListValue(ids).build())
        .build();
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
