package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnknownKindTest {
  @Test
  void rejectsNetworkingKindsNotSupported() {
    FieldError e = only("""
        apiVersion: networking.istio.io/v1
        kind: EnvoyFilter
        metadata: {name: default}
        spec: {}
        """);
    assertError(e, "test.yaml document 1", "kind");
    assertTrue(e.message().startsWith("unknown kind EnvoyFilter"), e.message());
  }

  @Test
  void rejectsOtherApiVersions() {
    FieldError e = only("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        """);
    assertError(e, "test.yaml document 1", "kind");
    assertTrue(e.message().contains("unknown kind Deployment in apiVersion apps/v1"), e.message());
  }

  @Test
  void requiresApiVersion() {
    assertError(only("kind: VirtualService\nmetadata: {name: x}\n"), "test.yaml document 1", "apiVersion");
  }
}
