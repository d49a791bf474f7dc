package io.meshlog.history;

import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.events.Batch;
import io.meshlog.events.XdsResource;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Compiled resources as the records a gateway applies, for a gateway that serves a replayed mesh. */
public final class ResourceRecords {
  private ResourceRecords() {}

  /** One batch holding every resource, stamped with the point and time it reflects. */
  public static List<XdsResource> of(Collection<CompiledResource> resources, String batchId,
      Map<String, Long> sourceOffsets, Instant eventTime) {
    List<XdsResource> out = new ArrayList<>();
    int index = 0;
    for (CompiledResource r : resources) {
      out.add(XdsResource.newBuilder()
          .setProxyClass(r.key().proxyClass())
          .setTypeUrl(r.key().typeUrl())
          .setName(r.key().name())
          .setVersion(r.version())
          .setResource(ByteBuffer.wrap(r.bytes()))
          .setBatch(new Batch(batchId, index++, resources.size()))
          .setSourceOffsets(sourceOffsets)
          .setEventTime(eventTime)
          .setCompilerVersion(MeshCompiler.VERSION)
          .build());
    }
    return out;
  }
}
