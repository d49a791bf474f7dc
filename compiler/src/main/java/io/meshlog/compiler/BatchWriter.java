package io.meshlog.compiler;

import io.meshlog.compiler.core.CompileDelta;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.events.Batch;
import io.meshlog.events.XdsResource;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.ProxyClasses;
import io.meshlog.schemas.Serdes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns one compile delta into batches, one per proxy class (a class's records share a partition, and a gateway
 * applies a class's batch as a whole): upserts then removals (make before break), each record carrying the batch
 * id, its index and the batch size; each removal is followed by a tombstone for compaction.
 */
final class BatchWriter {
  private BatchWriter() {}

  static List<Record<String, byte[]>> records(
      CompileDelta delta, String batchId, Map<String, Long> sourceOffsets, Instant eventTime) {
    Map<String, List<CompiledResource>> upserts = new TreeMap<>();
    delta.upserts().forEach(r -> upserts.computeIfAbsent(r.key().proxyClass(), c -> new ArrayList<>()).add(r));
    Map<String, List<ResourceKey>> removals = new TreeMap<>();
    delta.removals().forEach(k -> removals.computeIfAbsent(k.proxyClass(), c -> new ArrayList<>()).add(k));
    Set<String> sorted = new TreeSet<>(upserts.keySet());
    sorted.addAll(removals.keySet());
    List<String> classes = new ArrayList<>(sorted);
    // Make before break across classes too: a new or changed Sidecar's directory record comes after its classes'
    // resources, so a proxy moved into the scope finds them; a removed one's comes first, so its proxies leave the
    // scope before its resources go. (Exact when the classes share a partition; see docs/architecture.md.)
    if (classes.remove(ProxyClasses.DIRECTORY)) {
      if (upserts.containsKey(ProxyClasses.DIRECTORY)) {
        classes.add(ProxyClasses.DIRECTORY);
      } else {
        classes.add(0, ProxyClasses.DIRECTORY);
      }
    }
    List<Record<String, byte[]>> out = new ArrayList<>();
    for (String proxyClass : classes) {
      classBatch(upserts.getOrDefault(proxyClass, List.of()), removals.getOrDefault(proxyClass, List.of()),
          batchId + "/" + proxyClass, sourceOffsets, eventTime, out);
    }
    return out;
  }

  private static void classBatch(List<CompiledResource> upserts, List<ResourceKey> removals, String batchId,
      Map<String, Long> sourceOffsets, Instant eventTime, List<Record<String, byte[]>> out) {
    int size = upserts.size() + removals.size();
    long ts = eventTime.toEpochMilli();
    int index = 0;
    for (CompiledResource r : upserts) {
      XdsResource value = resource(r.key(), r.version(), ByteBuffer.wrap(r.bytes()),
          new Batch(batchId, index++, size), sourceOffsets, eventTime);
      out.add(new Record<>(key(r.key()), Serdes.XDS_RESOURCE.toBytes(value), ts));
    }
    for (ResourceKey k : removals) {
      XdsResource value = resource(k, "", null, new Batch(batchId, index++, size), sourceOffsets, eventTime);
      out.add(new Record<>(key(k), Serdes.XDS_RESOURCE.toBytes(value), ts));
    }
    for (ResourceKey k : removals) {
      out.add(new Record<>(key(k), null, ts));
    }
  }

  static String key(ResourceKey k) {
    return Keys.resource(k.proxyClass(), k.typeUrl(), k.name());
  }

  private static XdsResource resource(ResourceKey k, String version, ByteBuffer bytes, Batch batch,
      Map<String, Long> sourceOffsets, Instant eventTime) {
    return XdsResource.newBuilder()
        .setProxyClass(k.proxyClass())
        .setTypeUrl(k.typeUrl())
        .setName(k.name())
        .setVersion(version)
        .setResource(bytes)
        .setBatch(batch)
        .setSourceOffsets(sourceOffsets)
        .setEventTime(eventTime)
        .setCompilerVersion(MeshCompiler.VERSION)
        .build();
  }
}
