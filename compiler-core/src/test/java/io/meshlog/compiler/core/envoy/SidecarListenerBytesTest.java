package io.meshlog.compiler.core.envoy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.meshlog.compiler.core.ir.ClusterWeight;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.compiler.core.ir.TcpChainIr;
import io.meshlog.compiler.core.ir.UnitKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SidecarListenerBytesTest {
  private static final Listener HEAD = Listener.newBuilder().setName("0.0.0.0_443")
      .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress("0.0.0.0")
          .setPortValue(443)))
      .build();
  private static final FilterChain HTTP = FilterChain.newBuilder()
      .addFilters(Filter.newBuilder().setName("http")).build();

  private static TcpChainIr chain(int i, boolean sni) {
    return new TcpChainIr(List.of("10.0." + i + ".0/24"), sni ? List.of("svc-" + i + ".example.com") : List.of(),
        List.of(new ClusterWeight("outbound|443||svc-" + i + ".example.com", 100)), "stat-" + i);
  }

  @Test
  void assembledBytesAreWhatDeterministicSerializationOfTheSameListenerGives() {
    List<TcpChainIr> chains = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // enough for multi-byte length prefixes
      chains.add(chain(i, i % 3 == 0));
    }
    List<TcpChainBytes> bytes = TcpChainFactory.serialized(
        new ServicePortIr(new UnitKey("h", 443), List.of(), List.of(), chains));
    Listener.Builder whole = HEAD.toBuilder();
    for (TcpChainIr c : chains) {
      whole.addFilterChains(FilterChain.newBuilder().setFilterChainMatch(TcpChainFactory.match(c))
          .addFilters(Filter.newBuilder().setName(TcpChainFactory.TCP_PROXY)
              .setTypedConfig(Protos.pack(TcpChainFactory.tcpProxy(c)))));
    }
    whole.addFilterChains(HTTP).addListenerFilters(ListenerFilter.newBuilder()
        .setName(SidecarListenerBytes.TLS_INSPECTOR).setTypedConfig(Protos.pack(TlsInspector.getDefaultInstance())));

    assertArrayEquals(Protos.deterministicBytes(whole.build()), SidecarListenerBytes.of(HEAD, bytes, HTTP));
  }

  @Test
  void withoutTcpChainsItIsTheHttpOnlyListener() {
    assertArrayEquals(Protos.deterministicBytes(HEAD.toBuilder().addFilterChains(HTTP).build()),
        SidecarListenerBytes.of(HEAD, List.of(), HTTP));
  }

  @Test
  void aChainMatchingWhatAnEarlierOneMatchesIsLeftOutAndNeedsNoInspector() throws Exception {
    TcpChainIr first = chain(1, false);
    TcpChainIr twin = new TcpChainIr(first.destinationCidrs(), List.of(),
        List.of(new ClusterWeight("other", 100)), "other");
    List<TcpChainBytes> bytes = TcpChainFactory.serialized(
        new ServicePortIr(new UnitKey("h", 443), List.of(), List.of(), List.of(first, twin)));

    Listener out = Listener.parseFrom(SidecarListenerBytes.of(HEAD, bytes, HTTP));

    assertEquals(2, out.getFilterChainsCount());
    assertEquals(0, out.getListenerFiltersCount());
  }
}
