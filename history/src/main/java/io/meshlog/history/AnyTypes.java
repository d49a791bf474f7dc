package io.meshlog.history;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;

/**
 * Finds the message types packed in Any fields of a resource (filters, extensions), so JSON printing knows
 * them without a hand-kept list: the compile core may add extensions at any time. Envoy's Java protos live at
 * {@code io.envoyproxy.<proto full name>}.
 */
final class AnyTypes {
  private AnyTypes() {}

  static void collect(Message message, Map<String, Descriptor> out) {
    for (Map.Entry<FieldDescriptor, Object> f : message.getAllFields().entrySet()) {
      if (f.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = f.getKey().isRepeated() ? (List<?>) f.getValue() : List.of(f.getValue());
      for (Object v : values) {
        if (v instanceof Any any) {
          unpack(any, out);
        } else if (v instanceof Message m) {
          collect(m, out);
        }
      }
    }
  }

  private static void unpack(Any any, Map<String, Descriptor> out) {
    String name = any.getTypeUrl().substring(any.getTypeUrl().lastIndexOf('/') + 1);
    try {
      Class<?> type = Class.forName("io.envoyproxy." + name);
      Descriptor d = (Descriptor) type.getMethod("getDescriptor").invoke(null);
      out.put(name, d);
      Message inner = (Message) type.getMethod("parseFrom", com.google.protobuf.ByteString.class)
          .invoke(null, any.getValue());
      collect(inner, out);
    } catch (ReflectiveOperationException | ClassCastException e) {
      // Unknown type: printing names it in its error.
    }
  }

  static Message parse(Class<? extends Message> type, byte[] bytes) {
    try {
      return (Message) type.getMethod("parseFrom", byte[].class).invoke(null, (Object) bytes);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() instanceof InvalidProtocolBufferException ? e.getCause() : e;
      throw new IllegalStateException("cannot parse " + type.getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }
}
