package io.meshlog.mesh;

import java.util.List;
import java.util.Map;

/**
 * When a TCP or TLS route applies to a connection; every part is optional and all set parts must hold. Build
 * with {@link #builder()}.
 *
 * @param port the service port the connection is for; 0 for any port of the VirtualService's hosts
 * @param destinationSubnets CIDRs (or plain IPs) of the connection's destination address
 * @param sniHosts TLS routes only: the SNI names the client sends (may be wildcards); empty for TCP
 * @param sourceLabels labels the client workload must carry (empty: any); see {@link Client#admits}
 * @param sourceNamespace namespace the client workload must be in (empty: any)
 * @param gateways gateways the match applies to; empty or containing {@code mesh} means sidecars
 */
public record L4Match(
    int port,
    List<String> destinationSubnets,
    List<String> sniHosts,
    Map<String, String> sourceLabels,
    String sourceNamespace,
    List<String> gateways) {
  public L4Match {
    destinationSubnets = List.copyOf(destinationSubnets);
    sniHosts = List.copyOf(sniHosts);
    sourceLabels = Map.copyOf(sourceLabels);
    sourceNamespace = sourceNamespace == null ? "" : sourceNamespace;
    gateways = List.copyOf(gateways);
  }

  /**
   * Whether this match applies on {@code servedPort} where {@code where} is served ({@link VirtualService#MESH} or
   * a Gateway as {@code namespace/name}); see {@link HttpMatch#appliesAt}.
   */
  public boolean appliesAt(int servedPort, String where, String namespace) {
    return MatchPlace.applies(port, gateways, servedPort, where, namespace);
  }

  /** Whether this match of the VirtualService {@code vsKey} applies to {@code client} (see {@link Client#admits}). */
  public boolean appliesTo(Client client, String vsKey) {
    return client.admits(vsKey, gateways, sourceLabels, sourceNamespace);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a match part by part; unset parts match anything. */
  public static final class Builder {
    private int port;
    private List<String> destinationSubnets = List.of();
    private List<String> sniHosts = List.of();
    private Map<String, String> sourceLabels = Map.of();
    private String sourceNamespace = "";
    private List<String> gateways = List.of();

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder destinationSubnets(List<String> v) {
      destinationSubnets = v;
      return this;
    }

    public Builder sniHosts(List<String> v) {
      sniHosts = v;
      return this;
    }

    public Builder sourceLabels(Map<String, String> v) {
      sourceLabels = v;
      return this;
    }

    public Builder sourceNamespace(String v) {
      sourceNamespace = v;
      return this;
    }

    public Builder gateways(List<String> v) {
      gateways = v;
      return this;
    }

    public L4Match build() {
      return new L4Match(port, destinationSubnets, sniHosts, sourceLabels, sourceNamespace, gateways);
    }
  }
}
