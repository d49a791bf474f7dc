package io.meshlog.compiler.core.envoy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.extensions.filters.network.sni_cluster.v3.SniCluster;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.index.MeshIndex;
import io.meshlog.mesh.GatewayHost;
import io.meshlog.mesh.GatewayServer;
import io.meshlog.mesh.Service;
import io.meshlog.schemas.XdsTypes;
import java.util.Collection;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * AUTO_PASSTHROUGH servers, as istiod builds east-west gateways: the connection is not opened (the client
 * sidecar's mutual TLS goes through to the workload); its SNI, which a sidecar sets to
 * {@code outbound_.<port>_.<subset>_.<host>} for ISTIO_MUTUAL, names the cluster. One filter chain matched on the
 * server's hosts runs {@code envoy.filters.network.sni_cluster}, which hands the SNI to {@code tcp_proxy} as its
 * cluster (its own {@code BlackHoleCluster}, without endpoints, is what a connection without SNI reaches). The
 * class carries an SNI-DNAT cluster under each such name for every port and subset of the mesh-internal services
 * whose host falls under a server host (istiod's rule): the sidecar class's cluster renamed, without the
 * transport socket (the bytes are already the client's TLS), its endpoints still the sidecar's EDS name.
 */
final class AutoPassthrough {
  static final String SNI_CLUSTER = "envoy.filters.network.sni_cluster";
  static final String BLACKHOLE = "BlackHoleCluster";

  private AutoPassthrough() {}

  /** The server's one chain: sni_cluster, then tcp_proxy. */
  static FilterChain chain(FilterChainMatch match) {
    return FilterChain.newBuilder()
        .setFilterChainMatch(match)
        .addFilters(Filter.newBuilder().setName(SNI_CLUSTER).setTypedConfig(Protos.pack(SniCluster.getDefaultInstance())))
        .addFilters(Filter.newBuilder().setName(TcpChainFactory.TCP_PROXY).setTypedConfig(Protos.pack(
            TcpProxy.newBuilder().setStatPrefix(BLACKHOLE).setCluster(BLACKHOLE).build())))
        .build();
  }

  /** The hosts of mesh-internal services that fall under one of the server's hosts (namespace parts play no part). */
  static SortedSet<String> hosts(GatewayServer server, MeshIndex index) {
    SortedSet<String> out = new TreeSet<>();
    for (String host : index.serviceHosts()) {
      boolean internal = index.servicesForHost(host).stream().anyMatch(s -> s.location() == Service.Location.MESH_INTERNAL);
      if (internal && server.hosts().stream().anyMatch(h -> GatewayHost.covers(h.host(), host))) {
        out.add(host);
      }
    }
    return out;
  }

  /** The SNI-DNAT clusters of a host, from its sidecar clusters ({@code outbound|8080|v1|h} → {@code outbound_.8080_.v1_.h}). */
  static void putClusters(SortedMap<ResourceKey, CompiledResource> out, String proxyClass,
      Collection<CompiledResource> sidecar) {
    for (CompiledResource r : sidecar) {
      if (!r.key().typeUrl().equals(XdsTypes.CLUSTER)) {
        continue;
      }
      Cluster c = parse(r);
      String name = sniName(c.getName());
      ClusterResources.put(out, new ResourceKey(proxyClass, XdsTypes.CLUSTER, name),
          c.toBuilder().setName(name).clearTransportSocket().clearTransportSocketMatches().build());
    }
  }

  /** What a connection without a known SNI reaches: a cluster with no endpoints, as istiod's. */
  static Cluster blackhole() {
    return Cluster.newBuilder().setName(BLACKHOLE).setType(Cluster.DiscoveryType.STATIC)
        .setConnectTimeout(ClusterFactory.CONNECT_TIMEOUT).build();
  }

  /** Istio's SNI for a cluster (what its sidecars send with ISTIO_MUTUAL), the SNI-DNAT cluster's name. */
  static String sniName(String outboundCluster) {
    return outboundCluster.replace("|", "_.");
  }

  private static Cluster parse(CompiledResource r) {
    try {
      return Cluster.parseFrom(r.bytes());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a compiled cluster does not parse: " + r.key(), e);
    }
  }
}
