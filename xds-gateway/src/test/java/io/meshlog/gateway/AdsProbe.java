package io.meshlog.gateway;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.meshlog.schemas.XdsTypes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One raw ADS stream (grpc-java stub, not the xDS client): asks for a listener as a proxyless gRPC node and
 * reports whether the gateway answered or closed the stream with which status.
 */
final class AdsProbe {
  private AdsProbe() {}

  /** Either a response (status null) or the status the stream was closed with (response null). */
  record Outcome(DiscoveryResponse response, Status status) {
    boolean answered() {
      return response != null;
    }

    Status.Code code() {
      return status == null ? Status.Code.OK : status.getCode();
    }
  }

  static Outcome ask(String address, ChannelCredentials credentials, String nodeId, String listener) {
    return ask(address, credentials, Node.newBuilder().setId(nodeId).setMetadata(Struct.newBuilder()
        .putFields("GENERATOR", Value.newBuilder().setStringValue("grpc").build())).build(), listener);
  }

  /** Asks for one listener as {@code node} (its id and metadata as given). */
  static Outcome ask(String address, ChannelCredentials credentials, Node node, String listener) {
    return ask(address, credentials, node, java.util.List.of(listener));
  }

  /** Asks for every listener of the node's class, as Envoy does (a wildcard request: no names). */
  static Outcome askAll(String address, ChannelCredentials credentials, Node node) {
    return ask(address, credentials, node, java.util.List.of());
  }

  private static Outcome ask(String address, ChannelCredentials credentials, Node node, java.util.List<String> listeners) {
    ManagedChannel channel = Grpc.newChannelBuilder(address, credentials).build();
    try {
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      StreamObserver<DiscoveryRequest> requests = AggregatedDiscoveryServiceGrpc.newStub(channel)
          .withDeadlineAfter(20, TimeUnit.SECONDS)
          .streamAggregatedResources(new StreamObserver<>() {
            @Override
            public void onNext(DiscoveryResponse r) {
              outcome.complete(new Outcome(r, null));
            }

            @Override
            public void onError(Throwable t) {
              outcome.complete(new Outcome(null, Status.fromThrowable(t)));
            }

            @Override
            public void onCompleted() {
              outcome.complete(new Outcome(null, Status.OK));
            }
          });
      requests.onNext(DiscoveryRequest.newBuilder()
          .setNode(node)
          .setTypeUrl(XdsTypes.LISTENER)
          .addAllResourceNames(listeners)
          .build());
      return outcome.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("no outcome from " + address, e);
    } finally {
      channel.shutdownNow();
    }
  }
}
