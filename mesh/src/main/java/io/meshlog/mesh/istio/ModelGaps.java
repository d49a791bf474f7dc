package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;

/**
 * Shapes the fabric8 Istio model gets wrong, replaced for shape checking only. fabric8 7.5.2 types
 * {@code consistentHash.ringHash} as its own oneof wrapper (whose only field is {@code ringHash} again)
 * instead of Istio's RingHash message, which would reject {@code ringHash: {minimumRingSize: 1024}}.
 */
final class ModelGaps {
  /** Istio's {@code LoadBalancerSettings.ConsistentHashLB.RingHash}. */
  static final class RingHash {
    public Long minimumRingSize;
  }

  private ModelGaps() {}

  /**
   * A copy of the spec that fabric8 can bind: without {@code consistentHash.ringHash}, which its model cannot
   * hold (converters read it from the tree).
   */
  static JsonNode forBinding(JsonNode spec) {
    JsonNode copy = spec.deepCopy();
    strip(copy, false);
    return copy;
  }

  private static void strip(JsonNode node, boolean inConsistentHash) {
    if (inConsistentHash && node instanceof ObjectNode o) {
      o.remove("ringHash");
    }
    node.fields().forEachRemaining(f -> strip(f.getValue(), "consistentHash".equals(f.getKey())));
    if (node.isArray()) {
      node.forEach(n -> strip(n, false));
    }
  }

  static JavaType fix(JavaType type, ObjectMapper mapper) {
    if (type.getRawClass() == LoadBalancerSettingsConsistentHashLBRingHash.class) {
      return mapper.constructType(RingHash.class);
    }
    return type;
  }
}
