package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DestinationRuleErrorsTest {
  private static String dr(String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo, namespace: demo}
        spec:
        """ + spec.indent(2);
  }

  @Test
  void rejectsAMaglevTableEnvoyWouldRefuse() {
    FieldError e = only(dr("""
        host: echo
        trafficPolicy:
          loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65536}}}
        """));
    assertError(e, "DestinationRule demo/echo", "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize");
    assertTrue(e.message().contains("prime"), e::toString);
  }

  @Test
  void rejectsUnsupportedPolicyInASubset() {
    FieldError e = only(dr("""
        host: echo
        subsets:
        - name: v1
          trafficPolicy: {outlierDetection: {consecutive5xxErrors: 3, consecutiveErrors: 5}}
        """));
    assertError(e, "DestinationRule demo/echo", "spec.subsets[0].trafficPolicy.outlierDetection.consecutiveErrors");
  }

  @Test
  void rejectsDuplicateSubsets() {
    FieldError e = only(dr("""
        host: echo
        subsets: [{name: v1}, {name: v1}]
        """));
    assertError(e, "DestinationRule demo/echo", "spec.subsets[1].name");
  }

  @Test
  void requiresTheHost() {
    assertError(only(dr("subsets: [{name: v1}]")), "DestinationRule demo/echo", "spec.host");
  }
}
