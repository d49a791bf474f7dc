package io.meshlog.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshlog.schemas.XdsTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lightweight proxies: state-of-the-world ADS streams that look like grpc-java's (node metadata GENERATOR=grpc,
 * LDS/RDS/CDS/EDS for the probe's names), ACK every response and note when their route switched subset. Many
 * streams share one HTTP/2 connection ({@code streamsPerChannel}) so thousands fit on one small machine.
 */
final class AdsFleet implements AutoCloseable {
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<Proxy> proxies = new ArrayList<>();
  private final MeshGen.Probe probe;

  AdsFleet(String address, MeshGen.Probe probe, int count, int streamsPerChannel) {
    this.probe = probe;
    for (int i = 0; i < count; i++) {
      if (i % streamsPerChannel == 0) {
        channels.add(NettyChannelBuilder.forTarget(address).usePlaintext().build());
      }
      Proxy p = new Proxy(node("bench-proxy-" + i));
      p.open(channels.get(channels.size() - 1));
      proxies.add(p);
    }
  }

  int size() {
    return proxies.size();
  }

  /** Waits until every proxy's route points at {@code subset}; returns when each switched (nanoTime). */
  long[] awaitSubset(String subset, Duration timeout) {
    return await(subset, timeout, false);
  }

  /**
   * Waits until every proxy has a response of each of the four types and its route points at {@code subset};
   * returns when each had both (nanoTime).
   */
  long[] awaitConfig(String subset, Duration timeout) {
    return await(subset, timeout, true);
  }

  private long[] await(String subset, Duration timeout, boolean allTypes) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long[] at = new long[proxies.size()];
    for (int i = 0; i < proxies.size(); i++) {
      Proxy p = proxies.get(i);
      while (!subset.equals(p.subset) || (allTypes && p.typesSeen.size() < 4)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("proxy " + i + " still routes to " + p.subset + ", not " + subset);
        }
        sleepBriefly();
      }
      at[i] = allTypes ? Math.max(p.switchedAt, p.allTypesAt) : p.switchedAt;
    }
    return at;
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(0, 200_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Node node(String id) {
    return Node.newBuilder().setId(id).setCluster("bench")
        .setMetadata(Struct.newBuilder().putFields("GENERATOR", Value.newBuilder().setStringValue("grpc").build()))
        .build();
  }

  private final class Proxy implements StreamObserver<DiscoveryResponse> {
    private final Node node;
    private StreamObserver<DiscoveryRequest> requests;
    private volatile String subset = "";
    private volatile long switchedAt;
    private final Set<String> typesSeen = ConcurrentHashMap.newKeySet();
    private volatile long allTypesAt;

    Proxy(Node node) {
      this.node = node;
    }

    void open(ManagedChannel channel) {
      requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(this);
      for (Map.Entry<String, List<String>> e : names().entrySet()) {
        send(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(e.getKey()).addAllResourceNames(e.getValue()).build());
      }
    }

    private Map<String, List<String>> names() {
      List<String> clusters = List.of(probe.cluster("v1"), probe.cluster("v2"));
      return Map.of(XdsTypes.LISTENER, List.of(probe.target()), XdsTypes.ROUTE, List.of(probe.target()),
          XdsTypes.CLUSTER, clusters, XdsTypes.ENDPOINT, clusters);
    }

    private synchronized void send(DiscoveryRequest r) {
      requests.onNext(r);
    }

    @Override
    public void onNext(DiscoveryResponse response) {
      long now = System.nanoTime();
      if (typesSeen.add(response.getTypeUrl()) && typesSeen.size() == 4) {
        allTypesAt = now;
      }
      if (XdsTypes.ROUTE.equals(response.getTypeUrl())) {
        for (var any : response.getResourcesList()) {
          try {
            String s = routedSubset(any.unpack(RouteConfiguration.class));
            if (!s.equals(subset)) {
              switchedAt = now;
              subset = s;
            }
          } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      send(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(response.getTypeUrl())
          .addAllResourceNames(names().get(response.getTypeUrl())).setVersionInfo(response.getVersionInfo())
          .setResponseNonce(response.getNonce()).build());
    }

    private String routedSubset(RouteConfiguration route) {
      for (var vh : route.getVirtualHostsList()) {
        for (var r : vh.getRoutesList()) {
          String cluster = r.getRoute().getCluster();
          if (cluster.isEmpty() && r.getRoute().getWeightedClusters().getClustersCount() > 0) {
            cluster = r.getRoute().getWeightedClusters().getClusters(0).getName();
          }
          for (String s : List.of("v1", "v2")) {
            if (cluster.equals(probe.cluster(s))) {
              return s;
            }
          }
        }
      }
      return "";
    }

    @Override
    public void onError(Throwable t) {
      subset = "error";
    }

    @Override
    public void onCompleted() {
      // The server ends streams only when it stops.
    }
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
