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
