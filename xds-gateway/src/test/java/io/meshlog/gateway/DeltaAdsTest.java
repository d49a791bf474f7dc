package io.meshlog.gateway;

import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Incremental ADS with a hand-written client stream: only changed (and removed) resources are sent. */
class DeltaAdsTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  private static final String CLS = "sidecar";
  private static final Node NODE = Node.newBuilder().setId("delta-client").build(); // no GENERATOR: sidecar

  private final BlockingQueue<DeltaDiscoveryResponse> responses = new LinkedBlockingQueue<>();

  private DeltaDiscoveryResponse next() throws InterruptedException {
    DeltaDiscoveryResponse r = responses.poll(30, TimeUnit.SECONDS);
    assertNotNull(r, "no delta response");
    return r;
  }

  private static Set<String> names(DeltaDiscoveryResponse r) {
    return r.getResourcesList().stream().map(Resource::getName).collect(Collectors.toSet());
  }

  private static DeltaDiscoveryRequest ack(DeltaDiscoveryResponse r) {
    return DeltaDiscoveryRequest.newBuilder().setTypeUrl(r.getTypeUrl()).setResponseNonce(r.getNonce()).build();
  }

  @Test
  void subscribesAndReceivesOnlyChanges() throws Exception {
    Topics topics = Topics.withPrefix("delta.");
    kafka.createTopics(topics.specs());
    try (ResourceWriter w = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources())) {
      w.batch(CLS, List.of(
          item(XdsTypes.ENDPOINT, "e1", EnvoyResources.endpoints("e1", "127.0.0.1", 1001)),
          item(XdsTypes.ENDPOINT, "e2", EnvoyResources.endpoints("e2", "127.0.0.1", 1002)),
          item(XdsTypes.ENDPOINT, "other", EnvoyResources.endpoints("other", "127.0.0.1", 1003))));
      try (XdsGateway g = XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics).build())) {
        ManagedChannel ch = Grpc.newChannelBuilderForAddress("127.0.0.1", g.port(),
            InsecureChannelCredentials.create()).build();
        try {
          StreamObserver<DeltaDiscoveryRequest> stream = AggregatedDiscoveryServiceGrpc.newStub(ch)
              .deltaAggregatedResources(new StreamObserver<>() {
                @Override
                public void onNext(DeltaDiscoveryResponse value) {
                  responses.add(value);
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
              });
          stream.onNext(DeltaDiscoveryRequest.newBuilder().setNode(NODE).setTypeUrl(XdsTypes.ENDPOINT)
              .addAllResourceNamesSubscribe(List.of("e1", "e2", "e3")).build());
          DeltaDiscoveryResponse first = next();
          assertEquals(Set.of("e1", "e2"), names(first), "subscribed and existing; e3 pending");
          stream.onNext(ack(first));

          w.batch(CLS, List.of(item(XdsTypes.ENDPOINT, "e2", EnvoyResources.endpoints("e2", "127.0.0.1", 2002)),
              item(XdsTypes.ENDPOINT, "other", EnvoyResources.endpoints("other", "127.0.0.1", 2003))));
          DeltaDiscoveryResponse second = next();
          assertEquals(Set.of("e2"), names(second), "only the changed subscribed resource");

          // NACK it: the same version must not come back; the next response is the next change only.
          stream.onNext(ack(second).toBuilder().setErrorDetail(Status.newBuilder().setMessage("no")).build());
          w.batch(CLS, List.of(item(XdsTypes.ENDPOINT, "e3", EnvoyResources.endpoints("e3", "127.0.0.1", 1004))));
          DeltaDiscoveryResponse third = next();
          assertEquals(Set.of("e3"), names(third), "pending name pushed when it appears; NACKed e2 not re-sent");
          stream.onNext(ack(third));

          w.batch(CLS, List.of(item(XdsTypes.ENDPOINT, "e1", null)));
          DeltaDiscoveryResponse fourth = next();
          assertTrue(fourth.getResourcesList().isEmpty());
          assertEquals(List.of("e1"), fourth.getRemovedResourcesList());
          assertEquals(1, g.stats().nacks(XdsTypes.ENDPOINT));
          assertEquals(1, g.stats().sends(XdsTypes.ENDPOINT, "e1"));
          assertEquals(0, g.stats().sends(XdsTypes.ENDPOINT, "other"));
          stream.onCompleted();
        } finally {
          ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }
}
