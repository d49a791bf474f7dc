package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void rejectsUnsupportedLoadBalancing() {
    FieldError e = only(dr("""
        host: echo
        trafficPolicy:
          loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65537}}}
        """));
    assertError(e, "DestinationRule demo/echo", "spec.trafficPolicy.loadBalancer.consistentHash.maglev");
    assertEquals("not supported yet", e.message());
  }

  @Test
  void rejectsUnsupportedPolicyInASubset() {
    FieldError e = only(dr("""
        host: echo
        subsets:
        - name: v1
          trafficPolicy: {outlierDetection: {consecutive5xxErrors: 3, minHealthPercent: 50}}
        """));
    assertError(e, "DestinationRule demo/echo", "spec.subsets[0].trafficPolicy.outlierDetection.minHealthPercent");
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
