package io.meshlog.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.events.Batch;
import io.meshlog.events.XdsResource;
import io.meshlog.kafka.KafkaExtension;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.Topics;
import io.meshlog.schemas.XdsTypes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The compiler Streams app on a real Kafka broker. */
class CompilerKafkaTest {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String GRPC_LISTENER = "echo.demo.svc:8080";
  private static final String DEFAULT_CLUSTER = "outbound|8080||echo.demo.svc";

  @TempDir Path state;

  private Topics topics(String prefix) {
    Topics t = Topics.withPrefix(prefix);
    KAFKA.createTopics(t.specs());
    return t;
  }

  private CompilerConfig config(Topics t) {
    return CompilerConfig.of(KAFKA.bootstrapServers(), t, state);
  }

  @Test
  void compilesEventsIntoCompleteBatchesPartitionedByProxyClass() throws Exception {
    Topics t = topics("batches.");
    try (TestEvents events = new TestEvents(KAFKA.bootstrapServers(), t);
        Compiler compiler = Compiler.start(config(t));
        ResourceLog log = new ResourceLog(KAFKA.bootstrapServers(), t.xdsResources())) {
      events.config("ServiceEntry", "echo", TestEvents.ECHO_SERVICE);
      events.workload("echo-v1", 50051, "v1");
      events.workload("echo-v2", 50052, "v2");
      List<ResourceLog.Entry> entries = log.until(WAIT,
          es -> endpointCount(es, ProxyClasses.GRPC, DEFAULT_CLUSTER) == 2 && incompleteBatches(es).isEmpty());

      assertTrue(latest(entries, ProxyClasses.GRPC, XdsTypes.LISTENER).containsKey(GRPC_LISTENER));
      assertTrue(latest(entries, ProxyClasses.SIDECAR, XdsTypes.LISTENER).containsKey("0.0.0.0_8080"));
      // A batch holds one class's records and sits in one partition, in index order.
      Map<String, List<XdsResource>> batches = entries.stream().filter(e -> e.value() != null)
          .map(ResourceLog.Entry::value).collect(Collectors.groupingBy(r -> r.getBatch().getId()));
      for (List<XdsResource> b : batches.values()) {
        assertEquals(1, b.stream().map(XdsResource::getProxyClass).distinct().count(), b.get(0).getBatch().getId());
        for (int i = 0; i < b.size(); i++) {
          assertEquals(i, b.get(i).getBatch().getIndex(), b.get(0).getBatch().getId());
        }
      }
      // Every record carries the offsets it reflects and the compiler version.
      XdsResource last = entries.get(entries.size() - 1).value();
      assertTrue(last.getSourceOffsets().containsKey(t.workloadEvents() + "-0"), last.getSourceOffsets().toString());
      assertTrue(last.getCompilerVersion().startsWith("meshlog-compiler/"));
    }
  }

  @Test
  void aRestartPublishesOnlyWhatChangedWhileItWasDown() throws Exception {
    Topics t = topics("restart.");
    try (TestEvents events = new TestEvents(KAFKA.bootstrapServers(), t);
        ResourceLog log = new ResourceLog(KAFKA.bootstrapServers(), t.xdsResources())) {
      try (Compiler compiler = Compiler.start(config(t))) {
        events.config("ServiceEntry", "echo", TestEvents.ECHO_SERVICE);
        events.workload("echo-v1", 50051, "v1");
        events.workload("echo-v2", 50052, "v2");
        log.until(WAIT, es -> endpointCount(es, ProxyClasses.GRPC, DEFAULT_CLUSTER) == 2);
      }
      int before = log.entries.size();
      events.workload("echo-v2", 0, "v2"); // deleted while the compiler is down
      try (Compiler compiler = Compiler.start(config(t))) {
        log.until(WAIT, es -> endpointCount(es, ProxyClasses.GRPC, DEFAULT_CLUSTER) == 1);
      }
      Set<String> typesAfterRestart = log.entries.subList(before, log.entries.size()).stream()
          .filter(e -> e.value() != null).map(e -> e.value().getTypeUrl()).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(XdsTypes.ENDPOINT), typesAfterRestart, "only endpoints changed");
    }
  }

  @Test
  void aResourceOnTheTopicThatTheMeshNoLongerHasIsRemovedAtStart() throws Exception {
    Topics t = topics("stale.");
    String staleKey = ProxyClasses.SIDECAR + "|" + XdsTypes.CLUSTER + "|outbound|80||gone.demo.svc";
    try (var producer = new KafkaProducer<String, byte[]>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      XdsResource stale = XdsResource.newBuilder().setProxyClass(ProxyClasses.SIDECAR).setTypeUrl(XdsTypes.CLUSTER)
          .setName("outbound|80||gone.demo.svc").setVersion("v").setResource(ByteBuffer.wrap(new byte[0]))
          .setBatch(new Batch("old", 0, 1)).setEventTime(Instant.EPOCH).setCompilerVersion("old").build();
      producer.send(new ProducerRecord<>(t.xdsResources(), staleKey, io.meshlog.schemas.Serdes.XDS_RESOURCE.toBytes(stale))).get();
    }
    try (Compiler compiler = Compiler.start(config(t));
        ResourceLog log = new ResourceLog(KAFKA.bootstrapServers(), t.xdsResources())) {
      log.until(WAIT, es -> es.stream().anyMatch(e -> e.key().equals(staleKey) && e.value() == null));
      assertTrue(log.entries.stream().anyMatch(e -> e.key().equals(staleKey) && e.value() != null
          && e.value().getResource() == null), "a removal record precedes the tombstone");
    }
  }

  @Test
  void aPortAggregateLargerThanKafkasDefaultRecordLimitIsPublished() throws Exception {
    Topics t = topics("large.");
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < 9_000; i++) {
      hosts.append(i == 0 ? "" : ",").append("\"svc-").append(i).append(".demo.svc\"");
    }
    String spec = "{\"hosts\":[" + hosts + "],\"location\":\"MESH_INTERNAL\",\"ports\":[{\"name\":\"http\","
        + "\"number\":8080,\"protocol\":\"HTTP\"}],\"resolution\":\"STATIC\"}";
    try (TestEvents events = new TestEvents(KAFKA.bootstrapServers(), t);
        Compiler compiler = Compiler.start(config(t));
        ResourceLog log = new ResourceLog(KAFKA.bootstrapServers(), t.xdsResources())) {
      events.config("ServiceEntry", "many", spec);
      List<ResourceLog.Entry> entries = log.until(WAIT,
          es -> latest(es, ProxyClasses.SIDECAR, XdsTypes.ROUTE).containsKey("8080"));
      int size = latest(entries, ProxyClasses.SIDECAR, XdsTypes.ROUTE).get("8080").getResource().remaining();
      assertTrue(size > 1024 * 1024, "the aggregate is " + size + " bytes");
    }
  }

  @Test
  void aBacklogIsCompiledInBatchesNotOneRecompilePerEvent() throws Exception {
    Topics t = topics("backlog.");
    int services = 300;
    try (TestEvents events = new TestEvents(KAFKA.bootstrapServers(), t)) {
      for (int i = 0; i < services; i++) {
        events.config("ServiceEntry", "svc-" + i, "{\"hosts\":[\"svc-" + i + ".demo.svc\"],\"location\":"
            + "\"MESH_INTERNAL\",\"ports\":[{\"name\":\"http\",\"number\":8080,\"protocol\":\"HTTP\"}],"
            + "\"resolution\":\"STATIC\"}");
      }
    }
    // The whole backlog is in the log before the compiler starts, so it knows all of it is waiting.
    try (Compiler compiler = Compiler.start(config(t));
        ResourceLog log = new ResourceLog(KAFKA.bootstrapServers(), t.xdsResources())) {
      List<ResourceLog.Entry> entries = log.until(WAIT,
          es -> latest(es, ProxyClasses.GRPC, XdsTypes.LISTENER).size() == services);
      Set<String> sidecarBatches = entries.stream().filter(e -> e.value() != null)
          .filter(e -> e.value().getProxyClass().equals(ProxyClasses.SIDECAR))
          .map(e -> e.value().getBatch().getId()).collect(Collectors.toSet());
      // One recompile per event would write 300 batches, each with its own copy of the growing 8080 route.
      assertTrue(sidecarBatches.size() <= 3, "sidecar batches: " + sidecarBatches.size());
      long routeRecords = entries.stream().filter(e -> e.value() != null && e.key().equals(
          BatchWriter.key(new io.meshlog.compiler.core.ResourceKey(ProxyClasses.SIDECAR, XdsTypes.ROUTE, "8080"))))
          .count();
      assertEquals(sidecarBatches.size(), routeRecords, "one 8080 route per batch");
      assertEquals(services, latest(entries, ProxyClasses.SIDECAR, XdsTypes.CLUSTER).size());
    }
  }

  /** Ids of batches some of whose records have not been read. */
  private static Set<String> incompleteBatches(List<ResourceLog.Entry> entries) {
    Map<String, List<Batch>> batches = entries.stream().filter(e -> e.value() != null)
        .map(e -> e.value().getBatch()).collect(Collectors.groupingBy(Batch::getId));
    return batches.entrySet().stream().filter(b -> b.getValue().size() < b.getValue().get(0).getSize())
        .map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  /** Latest resource per name of one class and type, removals applied. */
  private static Map<String, XdsResource> latest(List<ResourceLog.Entry> entries, String proxyClass, String type) {
    Map<String, XdsResource> out = new HashMap<>();
    for (ResourceLog.Entry e : entries) {
      XdsResource r = e.value();
      if (r == null || !r.getProxyClass().equals(proxyClass) || !r.getTypeUrl().equals(type)) {
        continue;
      }
      if (r.getResource() == null) {
        out.remove(r.getName());
      } else {
        out.put(r.getName(), r);
      }
    }
    return out;
  }

  private static int endpointCount(List<ResourceLog.Entry> entries, String proxyClass, String cluster) {
    XdsResource r = latest(entries, proxyClass, XdsTypes.ENDPOINT).get(cluster);
    if (r == null) {
      return -1;
    }
    try {
      var cla = io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment.parseFrom(r.getResource());
      return cla.getEndpointsList().stream().mapToInt(l -> l.getLbEndpointsCount()).sum();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
