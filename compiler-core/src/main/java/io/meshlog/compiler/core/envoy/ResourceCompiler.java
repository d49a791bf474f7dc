package io.meshlog.compiler.core.envoy;

import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.ir.ServicePortIr;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** IR to Envoy resources of every proxy class, split by what each resource depends on. */
public final class ResourceCompiler {
  private ResourceCompiler() {}

  /** Everything that depends on one service port alone: clusters and endpoints, gRPC listener and routes. */
  public static SortedMap<ResourceKey, CompiledResource> unit(ServicePortIr ir) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    SidecarResources.addUnitTo(out, ir);
    GrpcResources.addTo(out, ir);
    return out;
  }

  /** A service port's serialized sidecar virtual host, kept with its IR for {@link #port}. */
  public static byte[] sidecarVirtualHost(ServicePortIr ir) {
    return SidecarResources.virtualHost(ir);
  }

  /**
   * The sidecar aggregates of one port number from the serialized virtual hosts of all its service ports (sorted
   * by host); none if empty.
   */
  public static SortedMap<ResourceKey, CompiledResource> port(int port, List<byte[]> virtualHosts) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    if (!virtualHosts.isEmpty()) {
      SidecarResources.addPortTo(out, port, virtualHosts);
    }
    return out;
  }

  /** A service port's serialized sidecar TCP/TLS filter chains, kept with its IR for {@link #port}. */
  public static List<TcpChainBytes> sidecarTcpChains(ServicePortIr ir) {
    return SidecarResources.tcpChains(ir);
  }

  /** {@link #port} with the TCP/TLS chains of the port's service ports (sorted by host) in the listener. */
  public static SortedMap<ResourceKey, CompiledResource> port(
      int port, List<byte[]> virtualHosts, List<TcpChainBytes> tcpChains) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    if (!virtualHosts.isEmpty()) {
      SidecarResources.addPortTo(out, port, virtualHosts, tcpChains);
    }
    return out;
  }
}
