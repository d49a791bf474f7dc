package io.meshlog.gateway;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON of the admin debug endpoints: per-proxy sync status and a proxy's current resources. */
final class DebugJson {
  private DebugJson() {}

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

  static String syncz(List<SyncTracker.NodeView> views, String gatewayId) {
    JsonArray out = new JsonArray();
    views.forEach(v -> out.add(node(v, gatewayId)));
    return GSON.toJson(out) + "\n";
  }

  static JsonObject node(SyncTracker.NodeView v, String gatewayId) {
    JsonObject o = new JsonObject();
    o.addProperty("node_id", v.nodeId());
    o.addProperty("gateway_id", gatewayId);
    o.addProperty("proxy_class", v.proxyClass());
    o.addProperty("identity", v.identity());
    o.addProperty("streams", v.streams());
    JsonObject types = new JsonObject();
    v.types().forEach((type, t) -> {
      JsonObject j = new JsonObject();
      j.addProperty("status", t.sync().name());
      j.addProperty("version_sent", t.sent());
      j.addProperty("version_acked", t.acked());
      j.addProperty("nack_error", t.error());
      j.addProperty("last_push_ms", t.lastPush());
      types.add(type, j);
    });
    o.add("types", types);
    return o;
  }

  /**
   * The resources last sent to a node, per type URL, each with its version and the resource as proto JSON
   * (typed_config contents expanded when their classes are on the classpath).
   */
  static String configDump(SyncTracker.NodeView v, Map<String, Map<String, ClassSnapshot.Entry>> resources) {
    JsonObject o = new JsonObject();
    o.addProperty("node_id", v.nodeId());
    o.addProperty("proxy_class", v.proxyClass());
    JsonObject types = new JsonObject();
    resources.forEach((type, byName) -> {
      JsonArray list = new JsonArray();
      new TreeMap<>(byName).forEach((name, e) -> {
        JsonObject r = new JsonObject();
        r.addProperty("name", name);
        r.addProperty("version", e.version());
        r.add("resource", JsonParser.parseString(print(e.resource())));
        list.add(r);
      });
      types.add(type, list);
    });
    o.add("resources", types);
    return GSON.toJson(o) + "\n";
  }

  private static String print(Message m) {
    JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
    collectAnyTypes(m, registry);
    try {
      return JsonFormat.printer().usingTypeRegistry(registry.build()).preservingProtoFieldNames().print(m);
    } catch (InvalidProtocolBufferException e) {
      return GSON.toJson("unprintable: " + e.getMessage());
    }
  }

  /** Registers the type of every Any inside {@code m} whose generated class can be found (Envoy's naming). */
  private static void collectAnyTypes(Message m, JsonFormat.TypeRegistry.Builder registry) {
    for (Map.Entry<FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
      if (f.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<?> values = f.getKey().isRepeated() ? (List<?>) f.getValue() : List.of(f.getValue());
      for (Object value : values) {
        if (value instanceof Any any) {
          Message inner = unpack(any);
          if (inner != null) {
            registry.add(inner.getDescriptorForType());
            collectAnyTypes(inner, registry);
          }
        } else if (value instanceof Message child) {
          collectAnyTypes(child, registry);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Message unpack(Any any) {
    String full = any.getTypeUrl().substring(any.getTypeUrl().lastIndexOf('/') + 1);
    String javaName = (full.startsWith("envoy.") ? "io.envoyproxy." : "") + full;
    try {
      Class<?> c = Class.forName(javaName);
      Descriptor d = (Descriptor) c.getMethod("getDescriptor").invoke(null);
      return d != null ? any.unpack((Class<Message>) c) : null;
    } catch (ReflectiveOperationException | InvalidProtocolBufferException | RuntimeException e) {
      return null;
    }
  }
}
