package io.meshlog.mesh.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The spec JSON depends on what the user meant, not on how the YAML was written. */
class CanonicalSpecTest {
  private static String spec(String yaml) throws ValidationException {
    return IstioYaml.parse(yaml, "test.yaml", "demo").get(0).specJson();
  }

  @Test
  void sameSpecSameBytesWhateverTheKeyOrderAndStyle() throws ValidationException {
    String block = spec("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: echo
        spec:
          http:
          - route:
            - weight: 80
              destination:
                subset: v1
                host: echo
            - destination: {host: echo, subset: "v2"}
              weight: 20
          hosts:
          - echo
        """);
    String flow = spec("""
        {"kind": "VirtualService", "metadata": {"name": "echo"}, "apiVersion": "networking.istio.io/v1",
         "spec": {"hosts": ['echo'], "http": [{"route": [{"destination": {"host": "echo", "subset": "v1"},
           "weight": 8.0e1}, {"destination": {"host": "echo", "subset": "v2"}, "weight": 20}]}]}}
        """);
    String expected = "{\"hosts\":[\"echo\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\"echo\","
        + "\"subset\":\"v1\"},\"weight\":80},{\"destination\":{\"host\":\"echo\",\"subset\":\"v2\"},\"weight\":20}]}]}";
    assertEquals(expected, block);
    assertEquals(expected, flow);
  }

  @Test
  void keepsWhatWasWrittenWithoutDefaultsAndDropsNulls() throws ValidationException {
    assertEquals("{\"host\":\"echo\"}", spec("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo}
        spec: {host: echo, trafficPolicy: null}
        """));
  }

  @Test
  void normalizesNumbersByValue() {
    var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    assertEquals("80", CanonicalJson.number(nodes.numberNode(new java.math.BigDecimal("80.00"))));
    assertEquals("0.5", CanonicalJson.number(nodes.numberNode(new java.math.BigDecimal("0.50"))));
    assertEquals("1000", CanonicalJson.number(nodes.numberNode(new java.math.BigDecimal("1e3"))));
  }
}
