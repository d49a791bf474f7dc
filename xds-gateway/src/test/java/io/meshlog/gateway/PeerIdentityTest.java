package io.meshlog.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import org.junit.jupiter.api.Test;

/** The node id rule that binds a stream to its certificate identity. */
class PeerIdentityTest {
  private static final String ID = "spiffe://mesh.local/ns/demo/sa/echo";

  @Test
  void nodeIdMustBeTheSpiffeIdOrStartWithSaDotNs() {
    assertTrue(PeerIdentity.allows(ID, ID));
    assertTrue(PeerIdentity.allows(ID, "echo.demo"));
    assertTrue(PeerIdentity.allows(ID, "echo.demo.pod-7"));
    assertFalse(PeerIdentity.allows(ID, "echo"));
    assertFalse(PeerIdentity.allows(ID, "echo.demox"));
    assertFalse(PeerIdentity.allows(ID, "other.demo"));
    assertFalse(PeerIdentity.allows(ID, "spiffe://mesh.local/ns/demo/sa/other"));
  }

  @Test
  void aRouterIdIsAllowedOnlyInTheCertificatesNamespace() {
    String gw = "spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";
    assertTrue(PeerIdentity.allows(gw, "router~10.0.0.9~istio-ingressgateway-5d8f.istio-system~istio-system.svc.cluster.local"));
    assertTrue(PeerIdentity.allows(gw, "router~10.0.0.9~gw.v2.istio-system~istio-system.svc.corp.example"));
    // Another namespace in either part, or a malformed id, is refused.
    assertFalse(PeerIdentity.allows(gw, "router~10.0.0.9~ingress-1.shop~shop.svc.cluster.local"));
    assertFalse(PeerIdentity.allows(gw, "router~10.0.0.9~ingress-1.istio-system~shop.svc.cluster.local"));
    assertFalse(PeerIdentity.allows(gw, "router~10.0.0.9~ingress-1.shop~istio-system.svc.cluster.local"));
    assertFalse(PeerIdentity.allows(gw, "router~10.0.0.9~ingress-1.xistio-system~istio-system.svc.cluster.local"));
    assertFalse(PeerIdentity.allows(gw, "router~10.0.0.9~istio-system~istio-system.svc.cluster.local"));
    assertFalse(PeerIdentity.allows(gw, "router~~ingress-1.istio-system~istio-system.svc.cluster.local"));
    assertFalse(PeerIdentity.allows(gw, "router~10.0.0.9~ingress-1.istio-system~istio-system.svc."));
    assertFalse(PeerIdentity.allows(gw, "router~10.0.0.9~ingress-1.istio-system~istio-system.svc.cluster.local~x"));
    // The router form does not widen the sidecar rule: a sidecar id of the namespace is still refused.
    assertFalse(PeerIdentity.allows(gw, "sidecar~10.0.0.9~ingress-1.istio-system~istio-system.svc.cluster.local"));
    // A demo certificate cannot name an istio-system router.
    assertFalse(PeerIdentity.allows(ID, "router~10.0.0.9~ingress-1.istio-system~istio-system.svc.cluster.local"));
    assertTrue(PeerIdentity.allows(ID, "router~10.0.0.9~ingress-1.demo~demo.svc.cluster.local"));
  }

  @Test
  void onlyTheSpiffeShapeIsAccepted() {
    assertThrows(IllegalArgumentException.class, () -> PeerIdentity.parse("spiffe://td/ns/demo"));
    assertThrows(IllegalArgumentException.class, () -> PeerIdentity.parse("spiffe://td/ns/a.b/sa/echo"));
  }

  @Test
  void aRequestClaimingAnotherNodeIsDeniedOnTlsStreamsOnly() {
    DiscoveryRequest other = DiscoveryRequest.newBuilder()
        .setNode(Node.newBuilder().setId("other.demo").setMetadata(Struct.getDefaultInstance())).build();
    assertTrue(XdsStreams.deniedNode(new StreamState(ID), other).contains("not allowed"));
    assertNull(XdsStreams.deniedNode(new StreamState(null), other));
    assertNull(XdsStreams.deniedNode(new StreamState(ID), DiscoveryRequest.getDefaultInstance()));
  }
}
