package io.meshlog.compiler.core.envoy;

import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import java.util.SortedMap;

/**
 * Envoy sidecars: clusters per service port, and per port number one listener {@code 0.0.0.0_<port>} and one
 * route configuration {@code <port>} holding a virtual host for every service on that port.
 */
final class SidecarResources {
  static final String HCM_FILTER = "envoy.filters.network.http_connection_manager";
  private static final String CLASS = ProxyClasses.SIDECAR;
  private static final String ANY_ADDRESS = "0.0.0.0";

  private SidecarResources() {}

  static void addUnitTo(SortedMap<ResourceKey, CompiledResource> out, ServicePortIr ir) {
    ClusterResources.addTo(out, ir, CLASS);
  }

  /** One service port's virtual host in the per-port route configuration, serialized once per IR change. */
  static List<TcpChainBytes> tcpChains(ServicePortIr unit) {
    return TcpChainFactory.serialized(unit);
  }

  static byte[] virtualHost(ServicePortIr unit) {
    return Protos.deterministicBytes(RouteFactory.virtualHost(unit));
  }

  /**
   * The port's aggregates from its services' serialized virtual hosts ({@link #virtualHost}), sorted by host, so
   * virtual hosts come out sorted by name.
   */
  static void addPortTo(SortedMap<ResourceKey, CompiledResource> out, int port, List<byte[]> virtualHosts) {
    addPortTo(out, CLASS, port, virtualHosts, List.of());
  }

  /**
   * As above for any sidecar class (a scoped one, {@code sidecar@ns/name}, passes the virtual hosts its scope
   * admits), with the TCP/TLS chains of the port's services (sorted by host) ahead of the HTTP chain.
   */
  static void addPortTo(SortedMap<ResourceKey, CompiledResource> out, String proxyClass, int port,
      List<byte[]> virtualHosts, List<TcpChainBytes> tcpChains) {
    String listenerName = ANY_ADDRESS + "_" + port;
    String routeName = Integer.toString(port);
    Filter hcm = Filter.newBuilder()
        .setName(HCM_FILTER)
        .setTypedConfig(Protos.pack(HcmFactory.build("outbound_" + listenerName, routeName)))
        .build();
    Listener head = Listener.newBuilder()
        .setName(listenerName)
        .setAddress(Address.newBuilder()
            .setSocketAddress(SocketAddress.newBuilder().setAddress(ANY_ADDRESS).setPortValue(port)))
        .build();
    byte[] listener = SidecarListenerBytes.of(head, tcpChains, FilterChain.newBuilder().addFilters(hcm).build());
    ResourceKey listenerKey = new ResourceKey(proxyClass, XdsTypes.LISTENER, listenerName);
    out.put(listenerKey, new CompiledResource(listenerKey, listener, Protos.version(listener)));
    byte[] routes = RouteConfigurationBytes.of(routeName, virtualHosts);
    ResourceKey key = new ResourceKey(proxyClass, XdsTypes.ROUTE, routeName);
    out.put(key, new CompiledResource(key, routes, Protos.version(routes)));
  }
}
