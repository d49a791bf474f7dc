package io.meshlog.compiler;

import io.meshlog.compiler.core.CompileDelta;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.events.Batch;
import io.meshlog.events.XdsResource;
import io.meshlog.schemas.Keys;
import io.meshlog.schemas.Serdes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns one compile delta into the records of one batch: upserts then removals (make before break), each
 * carrying the batch id, its index and the batch size; each removal is followed by a tombstone for compaction.
 */
final class BatchWriter {
  private BatchWriter() {}

  static List<Record<String, byte[]>> records(
      CompileDelta delta, String batchId, Map<String, Long> sourceOffsets, Instant eventTime) {
    int size = delta.upserts().size() + delta.removals().size();
    List<Record<String, byte[]>> out = new ArrayList<>(size + delta.removals().size());
    long ts = eventTime.toEpochMilli();
    int index = 0;
    for (CompiledResource r : delta.upserts()) {
      XdsResource value = resource(r.key(), r.version(), ByteBuffer.wrap(r.bytes()),
          new Batch(batchId, index++, size), sourceOffsets, eventTime);
      out.add(new Record<>(key(r.key()), Serdes.XDS_RESOURCE.toBytes(value), ts));
    }
    for (ResourceKey k : delta.removals()) {
      XdsResource value = resource(k, "", null, new Batch(batchId, index++, size), sourceOffsets, eventTime);
      out.add(new Record<>(key(k), Serdes.XDS_RESOURCE.toBytes(value), ts));
    }
    for (ResourceKey k : delta.removals()) {
      out.add(new Record<>(key(k), null, ts));
    }
    return out;
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
