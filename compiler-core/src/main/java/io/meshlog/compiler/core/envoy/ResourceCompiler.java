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

  /** The sidecar aggregates of one port number over all its service ports (sorted by host); none if empty. */
  public static SortedMap<ResourceKey, CompiledResource> port(int port, List<ServicePortIr> units) {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    if (!units.isEmpty()) {
      SidecarResources.addPortTo(out, port, units);
    }
    return out;
  }
}
