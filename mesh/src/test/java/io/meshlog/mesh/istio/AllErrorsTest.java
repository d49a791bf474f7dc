package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One request, every problem: errors from all documents, in document order, and nothing returned. */
class AllErrorsTest {
  @Test
  void collectsErrorsAcrossDocuments() {
    List<FieldError> e = errors("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ok}
        spec: {host: ok}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: a}
        spec: {}
        ---
        apiVersion: networking.istio.io/v1
        kind: EnvoyFilter
        metadata: {name: gw}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: b, namespace: ext}
        spec: {hosts: [b.example.com]}
        """);
    assertEquals(3, e.size(), e::toString);
    assertError(e.get(0), "DestinationRule default/a", "spec.host");
    assertError(e.get(1), "test.yaml document 3", "kind");
    assertError(e.get(2), "ServiceEntry ext/b", "spec.ports");
  }
}
