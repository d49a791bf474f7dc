package io.meshlog.gateway;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import java.util.AbstractList;
import java.util.List;

/**
 * The resources of one shared state-of-the-world answer: the parsed messages, which is what java-control-plane
 * reads resource names from, and the same resources already packed as Any ({@link ClassSnapshot.Entry#packed}),
 * which {@link PackedResourcesSerializer} hands to the server as they are. One instance serves every stream
 * that gets the answer, so a response costs no serialization of resources and no per-stream resource list.
 */
final class PackedResources extends AbstractList<Message> {
  private final List<Message> messages;
  private final List<Any> packed;

  PackedResources(List<Message> messages, List<Any> packed) {
    if (messages.size() != packed.size()) {
      throw new IllegalArgumentException("one Any per message");
    }
    this.messages = List.copyOf(messages);
    this.packed = List.copyOf(packed);
  }

  @Override
  public Message get(int index) {
    return messages.get(index);
  }

  @Override
  public int size() {
    return messages.size();
  }

  List<Any> packed() {
    return packed;
  }
}
