package io.meshlog.gateway;

import static io.meshlog.gateway.ResourceWriter.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.meshlog.events.XdsResource;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Catch-up and batch handling against a real broker. */
class ResourceFeedTest {
  @RegisterExtension
  static KafkaExtension kafka = new KafkaExtension();

  private static final String CLS = "sidecar";

  private Topics topics(TestInfo info) {
    Topics t = Topics.withPrefix(info.getTestMethod().orElseThrow().getName() + ".");
    kafka.createTopics(t.specs());
    return t;
  }

  private XdsGateway start(Topics topics, Duration batchTimeout) {
    return XdsGateway.start(GatewayConfig.builder(kafka.bootstrapServers()).topics(topics)
        .incompleteBatchTimeout(batchTimeout).build());
  }

  private static XdsResource cluster(String name, String batch, int index, int size) {
    return TestRecords.upsert(CLS, XdsTypes.CLUSTER, name, EnvoyResources.edsCluster(name), batch, index, size);
  }

  private static Set<String> clusters(XdsGateway g) {
    return g.snapshots().get(CLS).resources(XdsTypes.CLUSTER).keySet();
  }

  @Test
  void catchUpAppliesEverythingHeldThenCompletesAStraddlingBatch(TestInfo info) {
    Topics topics = topics(info);
    try (ResourceWriter w = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources())) {
      w.batch(CLS, List.of(item(XdsTypes.CLUSTER, "c1", EnvoyResources.edsCluster("c1")),
          item(XdsTypes.CLUSTER, "c2", EnvoyResources.edsCluster("c2"))));
      w.batch(CLS, List.of(item(XdsTypes.CLUSTER, "c2", null)));
      w.tombstone(CLS, XdsTypes.CLUSTER, "c2");
      w.write(List.of(cluster("c3", "straddle", 0, 2)));

      try (XdsGateway g = start(topics, Duration.ofMinutes(5))) {
        // No polling: start() returns only after catch-up, incomplete batches included.
        assertEquals(Set.of("c1", "c3"), clusters(g));
        w.write(List.of(cluster("c4", "straddle", 1, 2)));
        Poll.until("rest of the straddling batch applied", () -> clusters(g).contains("c4"));
      }
    }
  }

  @Test
  void followingAppliesABatchOnlyWhenAllOfItIsPresent(TestInfo info) {
    Topics topics = topics(info);
    try (ResourceWriter w = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
         XdsGateway g = start(topics, Duration.ofMinutes(5))) {
      w.write(List.of(cluster("x0", "big", 0, 3), cluster("x2", "big", 2, 3)));
      w.batch(CLS, List.of(item(XdsTypes.CLUSTER, "y", EnvoyResources.edsCluster("y"))));
      Poll.until("later complete batch applied", () -> clusters(g).contains("y"));
      assertEquals(Set.of("y"), clusters(g), "partial batch must not be visible");

      w.write(List.of(cluster("x1", "big", 1, 3)));
      Poll.until("completed batch applied", () -> clusters(g).containsAll(Set.of("x0", "x1", "x2")));
    }
  }

  @Test
  void incompleteBatchIsAppliedAfterTheTimeout(TestInfo info) {
    Topics topics = topics(info);
    try (ResourceWriter w = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
         XdsGateway g = start(topics, Duration.ofMillis(300))) {
      w.write(List.of(cluster("lonely", "never-complete", 0, 2)));
      Poll.until("stale partial batch applied", () -> clusters(g).contains("lonely"));
    }
  }

  @Test
  void removalDeletesAndIdenticalVersionIsNoChange(TestInfo info) {
    Topics topics = topics(info);
    try (ResourceWriter w = new ResourceWriter(kafka.bootstrapServers(), topics.xdsResources());
         XdsGateway g = start(topics, Duration.ofMinutes(5))) {
      w.batch(CLS, List.of(item(XdsTypes.CLUSTER, "r", EnvoyResources.edsCluster("r"))));
      Poll.until("applied", () -> clusters(g).contains("r"));
      long seq = g.snapshots().get(CLS).sequence();
      w.batch(CLS, List.of(item(XdsTypes.CLUSTER, "r", EnvoyResources.edsCluster("r")))); // re-emitted
      w.batch(CLS, List.of(item(XdsTypes.CLUSTER, "s", EnvoyResources.edsCluster("s"))));
      Poll.until("s applied", () -> clusters(g).contains("s"));
      assertEquals(seq + 1, g.snapshots().get(CLS).sequence(), "identical re-emission is no change");
      assertNotNull(g.snapshots().get(CLS).get(XdsTypes.CLUSTER, "r"));

      w.batch(CLS, List.of(item(XdsTypes.CLUSTER, "r", null)));
      w.tombstone(CLS, XdsTypes.CLUSTER, "r");
      Poll.until("removed", () -> !clusters(g).contains("r"));
      assertNull(g.snapshots().get(CLS).get(XdsTypes.CLUSTER, "r"));
    }
  }
}
