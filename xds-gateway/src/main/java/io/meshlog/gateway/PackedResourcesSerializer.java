package io.meshlog.gateway;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.server.serializer.ProtoResourcesSerializer;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * java-control-plane's hook for turning a response's resources into Any. Its default packs (serializes) every
 * resource again for every stream; a shared answer ({@link PackedResources}) is returned as the one list of
 * Anys it already holds. Anything else (delta responses, which the server serializes one resource at a time)
 * is packed as before.
 */
final class PackedResourcesSerializer implements ProtoResourcesSerializer {
  private final AtomicLong sharedLists = new AtomicLong();
  private final AtomicLong packedOnSend = new AtomicLong();

  @Override
  public Collection<Any> serialize(Collection<? extends Message> resources, Resources.ApiVersion apiVersion) {
    if (resources instanceof PackedResources shared) {
      sharedLists.incrementAndGet();
      return shared.packed();
    }
    return ProtoResourcesSerializer.super.serialize(resources, apiVersion);
  }

  @Override
  public Any serialize(Message resource, Resources.ApiVersion apiVersion) {
    packedOnSend.incrementAndGet();
    return resource instanceof Any any ? any : Any.pack(resource);
  }

  /** Responses whose resources went out as a shared, already packed list. */
  long sharedLists() {
    return sharedLists.get();
  }

  /** Resources packed while sending (not shared). */
  long packedOnSend() {
    return packedOnSend.get();
  }
}
