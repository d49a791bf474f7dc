package io.meshlog.app;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.compiler.core.envoy.Protos;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.XdsTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A proxyless-gRPC-class ADS client of the test's own: subscribes to every resource of every type ("*"), ACKs
 * each response and keeps exactly what it was last sent, per type, as the bytes it received.
 */
final class AdsProbe implements AutoCloseable {
  private final ManagedChannel channel;
  private final StreamObserver<DiscoveryRequest> requests;
  private final Map<String, Map<String, byte[]>> received = new HashMap<>();
  private final Node node;

  AdsProbe(String xdsAddress, String nodeId) {
    this(xdsAddress, Node.newBuilder().setId(nodeId).setMetadata(Struct.newBuilder()
        .putFields(ProxyClasses.GENERATOR_KEY, Value.newBuilder().setStringValue("grpc").build())).build());
  }

  /** A probe speaking as {@code node} (its id and metadata as given), e.g. an Envoy router. */
  AdsProbe(String xdsAddress, Node node) {
    channel = NettyChannelBuilder.forTarget(xdsAddress).usePlaintext().build();
    this.node = node;
    requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(new StreamObserver<>() {
      @Override
      public void onNext(DiscoveryResponse r) {
        Map<String, byte[]> byName = new HashMap<>();
        for (Any a : r.getResourcesList()) {
          byName.put(name(r.getTypeUrl(), a), a.getValue().toByteArray());
        }
        synchronized (received) {
          received.put(r.getTypeUrl(), byName);
        }
        request(r.getTypeUrl(), r.getVersionInfo(), r.getNonce());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });
    for (String type : XdsTypes.ORDER) {
      request(type, "", "");
    }
  }

  private synchronized void request(String type, String version, String nonce) {
    requests.onNext(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(type).addResourceNames("*")
        .setVersionInfo(version).setResponseNonce(nonce).build());
  }

  /** What this probe holds now, as compiled resources of class grpc (version = hash of the received bytes). */
  SortedMap<ResourceKey, CompiledResource> held() {
    SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
    synchronized (received) {
      received.forEach((type, byName) -> byName.forEach((name, bytes) -> {
        ResourceKey k = new ResourceKey(ProxyClasses.GRPC, type, name);
        out.put(k, new CompiledResource(k, bytes, Protos.version(bytes)));
      }));
    }
    return out;
  }

  private static String name(String type, Any a) {
    try {
      return switch (type) {
        case XdsTypes.CLUSTER -> io.envoyproxy.envoy.config.cluster.v3.Cluster.parseFrom(a.getValue()).getName();
        case XdsTypes.ENDPOINT ->
            io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment.parseFrom(a.getValue()).getClusterName();
        case XdsTypes.LISTENER -> io.envoyproxy.envoy.config.listener.v3.Listener.parseFrom(a.getValue()).getName();
        default -> io.envoyproxy.envoy.config.route.v3.RouteConfiguration.parseFrom(a.getValue()).getName();
      };
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    requests.onCompleted();
    channel.shutdownNow();
  }

  static List<String> types() {
    return XdsTypes.ORDER;
  }
}
