package io.meshlog.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.meshlog.compiler.core.CompileDelta;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.mesh.MeshObject;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.XdsTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline: java-control-plane's own server and SimpleCache, fed in-process (no Kafka, no ingest) with the
 * resources of the same compile core, so both sides serve the same bytes. Each type gets its own version,
 * bumped only when that type changed, the best way to use SimpleCache (one snapshot-wide version would re-send
 * every type on every change).
 */
final class BaselineServer implements AutoCloseable {
  private static final String GROUP = ProxyClasses.GRPC;

  private final MeshCompiler compiler = new MeshCompiler();
  private final SimpleCache<String> cache = new SimpleCache<>(node -> GROUP);
  private final Map<String, Map<String, Message>> byType = new TreeMap<>();
  private final Map<String, Integer> versions = new TreeMap<>();
  private final Server server;

  BaselineServer(List<MeshObject> mesh) {
    XdsTypes.ORDER.forEach(t -> byType.put(t, new TreeMap<>()));
    apply(compiler.upsertAll(mesh));
    V3DiscoveryServer discovery = new V3DiscoveryServer(cache);
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(discovery.getAggregatedDiscoveryServiceImpl()).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Compiles one change and sets the new snapshot: what a java-control-plane user's own code would do. */
  void upsert(MeshObject object) {
    apply(compiler.upsert(object));
  }

  private void apply(CompileDelta delta) {
    for (CompiledResource r : delta.upserts()) {
      if (r.key().proxyClass().equals(GROUP)) {
        byType.get(r.key().typeUrl()).put(r.key().name(), parse(r.key().typeUrl(), r.bytes()));
        versions.merge(r.key().typeUrl(), 1, Integer::sum);
      }
    }
    for (ResourceKey k : delta.removals()) {
      if (k.proxyClass().equals(GROUP)) {
        byType.get(k.typeUrl()).remove(k.name());
        versions.merge(k.typeUrl(), 1, Integer::sum);
      }
    }
    cache.setSnapshot(GROUP, Snapshot.create(
        values(XdsTypes.CLUSTER, Cluster.class), version(XdsTypes.CLUSTER),
        values(XdsTypes.ENDPOINT, ClusterLoadAssignment.class), version(XdsTypes.ENDPOINT),
        values(XdsTypes.LISTENER, Listener.class), version(XdsTypes.LISTENER),
        values(XdsTypes.ROUTE, RouteConfiguration.class), version(XdsTypes.ROUTE),
        List.of(), "0"));
  }

  private <T> List<T> values(String typeUrl, Class<T> type) {
    return byType.get(typeUrl).values().stream().map(type::cast).toList();
  }

  private String version(String typeUrl) {
    return String.valueOf(versions.getOrDefault(typeUrl, 0));
  }

  private static Message parse(String typeUrl, byte[] bytes) {
    try {
      return switch (typeUrl) {
        case XdsTypes.CLUSTER -> Cluster.parseFrom(bytes);
        case XdsTypes.ENDPOINT -> ClusterLoadAssignment.parseFrom(bytes);
        case XdsTypes.LISTENER -> Listener.parseFrom(bytes);
        case XdsTypes.ROUTE -> RouteConfiguration.parseFrom(bytes);
        default -> throw new IllegalArgumentException(typeUrl);
      };
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
