package io.meshlog.bench;

import io.meshlog.compiler.core.CompileDelta;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.events.Batch;
import io.meshlog.events.XdsResource;
import io.meshlog.mesh.MeshObject;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import io.meshlog.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The pure compile core writing its output straight to the resource topic, in the compiler's record format
 * (one batch per proxy class, on the class's partition): a gateway cannot tell it from the Streams compiler's.
 * Loading 10k services this way skips the Streams compiler, which is not what the gateway benchmarks measure,
 * and leaves the topic as compaction would (one record per resource).
 */
final class CompiledWriter implements AutoCloseable {
  private final MeshCompiler compiler = new MeshCompiler();
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final int partitions;

  CompiledWriter(String bootstrapServers, Topics topics) {
    producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers, "acks", "all",
        "linger.ms", 5, "enable.idempotence", true, "max.request.size", Topics.MAX_RESOURCE_BYTES),
        new StringSerializer(), new ByteArraySerializer());
    topic = topics.xdsResources();
    partitions = awaitLeaders();
  }

  /** The partition count, once every partition of the topic has a leader (new topics take a moment). */
  private int awaitLeaders() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      var infos = producer.partitionsFor(topic);
      if (infos.stream().allMatch(i -> i.leader() != null && !i.leader().isEmpty()) || System.nanoTime() > deadline) {
        return infos.size();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Compiles the objects as one delta and writes it; returns the records written, once acknowledged. */
  int upsertAll(Collection<? extends MeshObject> objects) throws Exception {
    return write(compiler.upsertAll(objects));
  }

  private int write(CompileDelta delta) throws Exception {
    Map<String, List<CompiledResource>> upserts = new TreeMap<>();
    delta.upserts().forEach(r -> upserts.computeIfAbsent(r.key().proxyClass(), c -> new ArrayList<>()).add(r));
    Map<String, List<ResourceKey>> removals = new TreeMap<>();
    delta.removals().forEach(k -> removals.computeIfAbsent(k.proxyClass(), c -> new ArrayList<>()).add(k));
    String batchId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    Set<String> classes = new TreeSet<>(upserts.keySet());
    classes.addAll(removals.keySet());
    for (String proxyClass : classes) {
      List<CompiledResource> up = upserts.getOrDefault(proxyClass, List.of());
      List<ResourceKey> down = removals.getOrDefault(proxyClass, List.of());
      int size = up.size() + down.size();
      int index = 0;
      for (CompiledResource r : up) {
        sent.add(send(r.key(), record(r.key(), r.version(), ByteBuffer.wrap(r.bytes()),
            new Batch(batchId + "/" + proxyClass, index++, size), now)));
      }
      for (ResourceKey k : down) {
        sent.add(send(k, record(k, "", null, new Batch(batchId + "/" + proxyClass, index++, size), now)));
      }
      for (ResourceKey k : down) {
        sent.add(send(k, null)); // tombstone, for compaction
      }
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
    return sent.size();
  }

  /** Compiles one changed object and writes its delta. */
  int upsert(MeshObject object) throws Exception {
    return write(compiler.upsert(object));
  }

  private Future<RecordMetadata> send(ResourceKey k, XdsResource value) {
    // Same partition as the compiler's ClassPartitioner: a class's batch is read in order.
    int p = Utils.toPositive(Utils.murmur2(k.proxyClass().getBytes(StandardCharsets.UTF_8))) % partitions;
    return producer.send(new ProducerRecord<>(topic, p, Keys.resource(k.proxyClass(), k.typeUrl(), k.name()),
        value == null ? null : Serdes.XDS_RESOURCE.toBytes(value)));
  }

  private static XdsResource record(ResourceKey k, String version, ByteBuffer bytes, Batch batch, Instant time) {
    return XdsResource.newBuilder().setProxyClass(k.proxyClass()).setTypeUrl(k.typeUrl()).setName(k.name())
        .setVersion(version).setResource(bytes).setBatch(batch).setSourceOffsets(Map.of()).setEventTime(time)
        .setCompilerVersion(MeshCompiler.VERSION).build();
  }

  @Override
  public void close() {
    producer.close();
  }
}
