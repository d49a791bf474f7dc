package io.meshlog.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.meshlog.schemas.SelectorSets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiler's {@code views} directory record as a gateway needs it: the namespaces whose proxies without a
 * Sidecar get the implicit scope {@code <ns>/*}, and the sourceLabels selectors whose matched set picks a node's
 * label variant.
 */
record ClientViews(Set<String> namespaces, List<Map<String, String>> selectors) {
  static final ClientViews NONE = new ClientViews(Set.of(), List.of());

  ClientViews {
    namespaces = Set.copyOf(namespaces);
    selectors = List.copyOf(selectors);
  }

  static ClientViews parse(ByteBuffer bytes) throws InvalidProtocolBufferException {
    Struct s = Struct.parseFrom(bytes);
    Set<String> namespaces = new TreeSet<>();
    for (Value v : s.getFieldsOrDefault("namespaces", Value.getDefaultInstance()).getListValue().getValuesList()) {
      namespaces.add(v.getStringValue());
    }
    List<Map<String, String>> selectors = s.getFieldsOrDefault("selectors", Value.getDefaultInstance())
        .getListValue().getValuesList().stream().map(v -> SelectorSets.parse(v.getStringValue())).toList();
    return new ClientViews(namespaces, selectors);
  }
}
