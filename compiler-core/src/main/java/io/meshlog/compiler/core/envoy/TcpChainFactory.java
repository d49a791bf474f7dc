package io.meshlog.compiler.core.envoy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.CidrRange;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.meshlog.compiler.core.ir.ClusterWeight;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.TcpChainIr;
import java.util.ArrayList;
import java.util.List;

/** TCP/TLS chains of a service port as Envoy filter chains: match by destination and SNI, then tcp_proxy. */
final class TcpChainFactory {
  static final String TCP_PROXY = "envoy.filters.network.tcp_proxy";

  private TcpChainFactory() {}

  static List<TcpChainBytes> serialized(ServicePortIr ir) {
    List<TcpChainBytes> out = new ArrayList<>();
    for (TcpChainIr c : ir.tcpChains()) {
      FilterChainMatch match = match(c);
      FilterChain chain = FilterChain.newBuilder()
          .setFilterChainMatch(match)
          .addFilters(Filter.newBuilder().setName(TCP_PROXY).setTypedConfig(Protos.pack(tcpProxy(c))))
          .build();
      out.add(new TcpChainBytes(
          Protos.deterministicBytes(match), Protos.deterministicBytes(chain), !c.serverNames().isEmpty()));
    }
    return out;
  }

  static FilterChainMatch match(TcpChainIr c) {
    FilterChainMatch.Builder m = FilterChainMatch.newBuilder();
    for (String cidr : c.destinationCidrs()) {
      int slash = cidr.indexOf('/');
      m.addPrefixRanges(CidrRange.newBuilder()
          .setAddressPrefix(cidr.substring(0, slash))
          .setPrefixLen(UInt32Value.of(Integer.parseInt(cidr.substring(slash + 1)))));
    }
    return m.addAllServerNames(c.serverNames()).build();
  }

  /** One target: {@code cluster}; several: {@code weighted_clusters}, as istiod writes them. */
  static TcpProxy tcpProxy(TcpChainIr c) {
    TcpProxy.Builder p = TcpProxy.newBuilder().setStatPrefix(c.statPrefix());
    if (c.targets().size() == 1) {
      return p.setCluster(c.targets().get(0).cluster()).build();
    }
    TcpProxy.WeightedCluster.Builder w = TcpProxy.WeightedCluster.newBuilder();
    for (ClusterWeight t : c.targets()) {
      w.addClusters(TcpProxy.WeightedCluster.ClusterWeight.newBuilder().setName(t.cluster()).setWeight(t.weight()));
    }
    return p.setWeightedClusters(w).build();
  }
}
