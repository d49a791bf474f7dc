package io.meshlog.compiler.core.envoy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.ir.ServicePortIr;
import io.meshlog.mesh.ClientVariants;
import io.meshlog.mesh.Sidecar;
import io.meshlog.schemas.ProxyClasses;
import java.util.ArrayList;
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
      SidecarResources.addPortTo(out, ProxyClasses.SIDECAR, port, virtualHosts, tcpChains);
    }
    return out;
  }

  /**
   * A scope's sidecar aggregates of one port: the admitted services' virtual hosts (sorted by host), then the
   * outbound-policy catch-all, and their TCP/TLS chains in the listener; none if the scope admits no service on
   * the port.
   */
  public static SortedMap<ResourceKey, CompiledResource> scopedPort(
      Sidecar scope, int port, List<byte[]> admittedVirtualHosts, List<TcpChainBytes> admittedTcpChains) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    if (!admittedVirtualHosts.isEmpty()) {
      List<byte[]> hosts = new ArrayList<>(admittedVirtualHosts);
      OutboundPolicyResources.virtualHost(scope.outboundPolicy()).ifPresent(hosts::add);
      SidecarResources.addPortTo(out, ProxyClasses.scoped(ProxyClasses.SIDECAR, scope.scopeId()), port, hosts,
          admittedTcpChains);
    }
    return out;
  }

  /**
   * The resources of a scope that depend on its Sidecar alone: its outbound cluster and, for a Sidecar's own scope
   * ({@code directory}), its directory record; implicit scopes are found through {@link #clientVariants}.
   */
  public static SortedMap<ResourceKey, CompiledResource> scope(Sidecar scope, boolean directory) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    OutboundPolicyResources.addTo(out, scope.outboundPolicy(), ProxyClasses.scoped(ProxyClasses.SIDECAR, scope.scopeId()));
    if (directory) {
      ClusterResources.put(out, new ResourceKey(ProxyClasses.DIRECTORY, ProxyClasses.SCOPE_TYPE, scope.scopeId()),
          directoryEntry(scope));
    }
    return out;
  }

  /**
   * The directory record {@code views}: what a gateway needs to give a node its implicit scope (see
   * ClientScopes): the namespaces with a scope of their own and the sourceLabels selectors, canonical. None when
   * the mesh has neither, so such a mesh compiles exactly as without them.
   */
  public static SortedMap<ResourceKey, CompiledResource> clientVariants(ClientVariants variants) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    if (!variants.equals(ClientVariants.NONE)) {
      ListValue.Builder namespaces = ListValue.newBuilder();
      variants.namespaces().forEach(n -> namespaces.addValues(str(n)));
      ListValue.Builder selectors = ListValue.newBuilder();
      variants.selectors().forEach(s -> selectors.addValues(str(s)));
      Struct.Builder entry = Struct.newBuilder()
          .putFields("kind", str(ProxyClasses.VIEWS))
          .putFields("namespaces", Value.newBuilder().setListValue(namespaces).build())
          .putFields("selectors", Value.newBuilder().setListValue(selectors).build());
      if (!variants.ignored().isEmpty()) {
        // The compile-time side of MLA0040, visible in the resource topic: whose sourceLabels apply to no client.
        ListValue.Builder ignored = ListValue.newBuilder();
        variants.ignored().forEach(k -> ignored.addValues(str(k)));
        entry.putFields("ignoredSourceLabels", Value.newBuilder().setListValue(ignored).build());
      }
      ClusterResources.put(out, new ResourceKey(ProxyClasses.DIRECTORY, ProxyClasses.SCOPE_TYPE, ProxyClasses.VIEWS),
          entry.build());
    }
    return out;
  }

  /**
   * What a gateway needs to map a node to this scope's classes. Struct map fields are serialized sorted, so the
   * bytes are deterministic.
   */
  private static Struct directoryEntry(Sidecar scope) {
    Struct.Builder selector = Struct.newBuilder();
    new TreeMap<>(scope.workloadSelector()).forEach((k, v) -> selector.putFields(k, str(v)));
    ListValue.Builder classes = ListValue.newBuilder();
    for (String shape : List.of(ProxyClasses.SIDECAR, ProxyClasses.GRPC)) {
      classes.addValues(str(ProxyClasses.scoped(shape, scope.scopeId())));
    }
    return Struct.newBuilder()
        .putFields("namespace", str(scope.ref().namespace()))
        .putFields("name", str(scope.ref().name()))
        .putFields("selector", Value.newBuilder().setStructValue(selector).build())
        .putFields("classes", Value.newBuilder().setListValue(classes).build())
        .build();
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  /** A base-class unit resource under a scope's class: same bytes and version, the class part of its key changed. */
  public static CompiledResource rescoped(CompiledResource base, String scopeId) {
    ResourceKey k = base.key();
    return new CompiledResource(
        new ResourceKey(ProxyClasses.scoped(k.proxyClass(), scopeId), k.typeUrl(), k.name()), base.bytes(), base.version());
  }
}
