package io.meshlog.compiler.core.ir;

import java.util.List;

/**
 * One sidecar filter chain that forwards whole connections (Envoy tcp_proxy) in the port's outbound listener.
 * At least one of the two match lists is non-empty, so the chain never competes with the HTTP catch-all chain.
 *
 * @param destinationCidrs destination addresses the chain matches (CIDRs; a plain IP is one host)
 * @param serverNames SNI names the chain matches (TLS); empty for plain TCP
 * @param targets one cluster, or several with weights
 * @param statPrefix Envoy stats prefix: the cluster for one target, {@code <host>.<port>} for several
 */
public record TcpChainIr(
    List<String> destinationCidrs, List<String> serverNames, List<ClusterWeight> targets, String statPrefix) {
  public TcpChainIr {
    destinationCidrs = List.copyOf(destinationCidrs);
    serverNames = List.copyOf(serverNames);
    targets = List.copyOf(targets);
  }
}
