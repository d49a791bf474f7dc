package io.meshlog.gateway;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One raw state-of-the-world ADS stream of a proxyless gRPC node that subscribes to fixed names of every type at
 * once and either ACKs each response or never answers (a proxy that stalls), keeping the last response per type.
 */
final class AdsClient implements StreamObserver<DiscoveryResponse> {
  private final Node node;
  private final Map<String, List<String>> names;
  private final boolean acks;
  private final Map<String, DiscoveryResponse> last = new ConcurrentHashMap<>();
  private StreamObserver<DiscoveryRequest> requests;

  private AdsClient(String nodeId, Map<String, List<String>> names, boolean acks) {
    this.node = Node.newBuilder().setId(nodeId).setMetadata(Struct.newBuilder()
        .putFields("GENERATOR", Value.newBuilder().setStringValue("grpc").build())).build();
    this.names = names;
    this.acks = acks;
  }

  /** Opens the stream and sends one request per type. */
  static AdsClient open(ManagedChannel channel, String nodeId, Map<String, List<String>> names, boolean acks) {
    AdsClient c = new AdsClient(nodeId, names, acks);
    c.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(c);
    names.forEach((type, n) -> c.send(DiscoveryRequest.newBuilder().setNode(c.node).setTypeUrl(type)
        .addAllResourceNames(n).build()));
    return c;
  }

  /** The last response of a type, or null. */
  DiscoveryResponse last(String typeUrl) {
    return last.get(typeUrl);
  }

  /** Whether a response of every subscribed type has arrived. */
  boolean hasAllTypes() {
    return last.keySet().containsAll(names.keySet());
  }

  private synchronized void send(DiscoveryRequest r) {
    requests.onNext(r);
  }

  @Override
  public void onNext(DiscoveryResponse response) {
    last.put(response.getTypeUrl(), response);
    if (acks) {
      send(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(response.getTypeUrl())
          .addAllResourceNames(names.get(response.getTypeUrl())).setVersionInfo(response.getVersionInfo())
          .setResponseNonce(response.getNonce()).build());
    }
  }

  @Override
  public void onError(Throwable t) {
    // the test closes the channel at the end
  }

  @Override
  public void onCompleted() {
    // the gateway ends streams only when it stops
  }
}
