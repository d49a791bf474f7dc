package io.meshlog.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.Status;
import io.envoyproxy.controlplane.cache.DeltaResponse;
import io.envoyproxy.controlplane.cache.DeltaXdsRequest;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.Response;
import io.envoyproxy.controlplane.cache.XdsRequest;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.grpc.Context;
import io.meshlog.schemas.XdsTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The watcher against ClassSnapshots directly: one StreamState per simulated stream. */
class MeshConfigWatcherTest {
  private static final Node GRPC_NODE = Node.newBuilder().setId("n1")
      .setMetadata(Struct.newBuilder().putFields("GENERATOR", Value.newBuilder().setStringValue("grpc").build()))
      .build();

  private final ClassSnapshots snapshots = new ClassSnapshots();
  private final MeshConfigWatcher watcher = new MeshConfigWatcher(snapshots);
  private final StreamState stream = new StreamState();
  private final List<Response> sotw = new ArrayList<>();
  private final List<DeltaResponse> delta = new ArrayList<>();
  private int batch;

  private void put(String type, String name, com.google.protobuf.Message m) {
    snapshots.apply(List.of(TestRecords.upsert("grpc", type, name, m, "b" + batch++, 0, 1)));
  }

  private void remove(String type, String name) {
    snapshots.apply(List.of(TestRecords.removal("grpc", type, name, "b" + batch++, 0, 1)));
  }

  private <T> T inStream(Callable<T> c) throws Exception {
    return Context.current().withValue(XdsStreams.KEY, stream).call(c);
  }

  private void request(String type, List<String> names, String version, boolean nack) throws Exception {
    DiscoveryRequest.Builder r = DiscoveryRequest.newBuilder().setNode(GRPC_NODE).setTypeUrl(type)
        .addAllResourceNames(names).setVersionInfo(version).setResponseNonce(String.valueOf(sotw.size()));
    if (nack) {
      r.setErrorDetail(Status.newBuilder().setMessage("rejected"));
    }
    inStream(() -> watcher.createWatch(true, XdsRequest.create(r.build()), Set.of(), sotw::add, false, false));
  }

  private List<String> names(Response r) {
    return r.resources().stream().map(Resources::getResourceName).sorted().toList();
  }

  @Test
  void streamsAskingTheSameAreAnsweredWithOneSharedResourceList() throws Exception {
    put(XdsTypes.ENDPOINT, "e1", EnvoyResources.endpoints("e1", "127.0.0.1", 1));
    List<Response> responses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      DiscoveryRequest r = DiscoveryRequest.newBuilder().setNode(GRPC_NODE).setTypeUrl(XdsTypes.ENDPOINT)
          .addResourceNames("e1").build();
      Context.current().withValue(XdsStreams.KEY, new StreamState()).call(() -> watcher.createWatch(
          true, XdsRequest.create(r), Set.of(), responses::add, false, false));
    }
    assertEquals(3, responses.size());
    PackedResources shared = (PackedResources) responses.get(0).resources();
    assertSame(shared, responses.get(1).resources(), "one resource list for every stream");
    assertSame(shared, responses.get(2).resources());
    assertSame(snapshots.get("grpc").get(XdsTypes.ENDPOINT, "e1").packed(), shared.packed().get(0),
        "the Any packed once from the record, not per stream");
    assertEquals(1, watcher.answersBuilt());
  }

  @Test
  void answersOnlyWhenASubscribedResourceChanges() throws Exception {
    put(XdsTypes.ENDPOINT, "e1", EnvoyResources.endpoints("e1", "127.0.0.1", 1));
    put(XdsTypes.ENDPOINT, "e2", EnvoyResources.endpoints("e2", "127.0.0.1", 2));
    request(XdsTypes.ENDPOINT, List.of("e1"), "", false);
    assertEquals(1, sotw.size());
    assertEquals(List.of("e1"), names(sotw.get(0)));

    request(XdsTypes.ENDPOINT, List.of("e1"), sotw.get(0).version(), false); // ACK
    put(XdsTypes.ENDPOINT, "e2", EnvoyResources.endpoints("e2", "127.0.0.1", 3));
    assertEquals(1, sotw.size(), "e2 is not subscribed");
    put(XdsTypes.ENDPOINT, "e1", EnvoyResources.endpoints("e1", "127.0.0.1", 4));
    assertEquals(2, sotw.size());
    assertEquals(List.of("e1"), names(sotw.get(1)));
  }

  @Test
  void nackIsNotAnsweredWithTheSameVersionsButALaterChangeIs() throws Exception {
    put(XdsTypes.ROUTE, "r", EnvoyResources.weightedRoute("r", "h", Map.of("a", 1)));
    request(XdsTypes.ROUTE, List.of("r"), "", false);
    request(XdsTypes.ROUTE, List.of("r"), sotw.get(0).version(), false);
    put(XdsTypes.ROUTE, "r", EnvoyResources.weightedRoute("r", "h", Map.of("a", 0)));
    assertEquals(2, sotw.size());

    request(XdsTypes.ROUTE, List.of("r"), sotw.get(0).version(), true); // NACK: previous version
    request(XdsTypes.ROUTE, List.of("r"), sotw.get(0).version(), true);
    assertEquals(2, sotw.size(), "rejected versions are not re-sent");
    assertEquals(2, watcher.stats().nacks(XdsTypes.ROUTE));

    put(XdsTypes.ROUTE, "r", EnvoyResources.weightedRoute("r", "h", Map.of("a", 2)));
    assertEquals(3, sotw.size());
  }

  @Test
  void aNameDroppedAndAskedForAgainIsSentAgainThoughUnchanged() throws Exception {
    // grpc-java unsubscribes a cluster whose route weight drops to 0 and forgets it; when the weight comes
    // back it asks again, and must get the resource even though its version never changed.
    put(XdsTypes.ENDPOINT, "v1", EnvoyResources.endpoints("v1", "127.0.0.1", 1));
    put(XdsTypes.ENDPOINT, "v2", EnvoyResources.endpoints("v2", "127.0.0.1", 2));
    request(XdsTypes.ENDPOINT, List.of("v1", "v2"), "", false);
    request(XdsTypes.ENDPOINT, List.of("v1", "v2"), sotw.get(0).version(), false); // ACK
    request(XdsTypes.ENDPOINT, List.of("v2"), sotw.get(0).version(), false); // drops v1
    int before = sotw.size();
    request(XdsTypes.ENDPOINT, List.of("v1", "v2"), sotw.get(sotw.size() - 1).version(), false);
    assertEquals(before + 1, sotw.size(), "asking for v1 again is answered");
    assertEquals(List.of("v1", "v2"), names(sotw.get(sotw.size() - 1)));
    request(XdsTypes.ENDPOINT, List.of("v1", "v2"), sotw.get(sotw.size() - 1).version(), false); // ACK
    assertEquals(before + 1, sotw.size(), "the ACK of that answer is not answered again");
  }

  @Test
  void watchForAMissingNameStaysOpenUntilItAppears() throws Exception {
    request(XdsTypes.LISTENER, List.of("late:80"), "", false);
    assertTrue(sotw.isEmpty());
    assertEquals(1, watcher.openWatches());
    put(XdsTypes.LISTENER, "late:80", EnvoyResources.apiListener("late:80"));
    assertEquals(1, sotw.size());
    assertEquals(List.of("late:80"), names(sotw.get(0)));
    assertEquals(0, watcher.openWatches());
  }

  @Test
  void wildcardGetsEverythingAndRemovalsByAbsence() throws Exception {
    request(XdsTypes.CLUSTER, List.of(), "", false);
    assertEquals(1, sotw.size(), "wildcard is answered even when empty");
    request(XdsTypes.CLUSTER, List.of(), sotw.get(0).version(), false);
    put(XdsTypes.CLUSTER, "c1", EnvoyResources.edsCluster("c1"));
    assertEquals(List.of("c1"), names(sotw.get(1)));
    request(XdsTypes.CLUSTER, List.of(), sotw.get(1).version(), false);
    remove(XdsTypes.CLUSTER, "c1");
    assertEquals(List.of(), names(sotw.get(2)));
  }

  @Test
  void otherClassesChangesDoNotWakeTheWatch() throws Exception {
    request(XdsTypes.LISTENER, List.of("x"), "", false);
    snapshots.apply(List.of(TestRecords.upsert("sidecar", XdsTypes.LISTENER, "x",
        EnvoyResources.apiListener("x"), "s", 0, 1)));
    assertTrue(sotw.isEmpty());
  }

  private void deltaRequest(List<String> subscribe, Map<String, String> tracked, Set<String> pending,
      boolean nack) throws Exception {
    DeltaDiscoveryRequest.Builder r = DeltaDiscoveryRequest.newBuilder().setNode(GRPC_NODE)
        .setTypeUrl(XdsTypes.ENDPOINT).addAllResourceNamesSubscribe(subscribe);
    if (nack) {
      r.setErrorDetail(Status.newBuilder().setMessage("rejected"));
    }
    inStream(() -> watcher.createDeltaWatch(DeltaXdsRequest.create(r.build()), "", tracked, pending, false,
        delta::add, false));
  }

  @Test
  void deltaSendsOnlyChangedAndRemovedAndSkipsNackedVersions() throws Exception {
    put(XdsTypes.ENDPOINT, "e1", EnvoyResources.endpoints("e1", "127.0.0.1", 1));
    deltaRequest(List.of("e1", "e2"), Map.of(), Set.of("e1", "e2"), false);
    assertEquals(Set.of("e1"), delta.get(0).resources().keySet());
    String v1 = delta.get(0).resources().get("e1").version();

    deltaRequest(List.of(), Map.of("e1", v1), Set.of("e2"), false); // ACK
    put(XdsTypes.ENDPOINT, "e2", EnvoyResources.endpoints("e2", "127.0.0.1", 2));
    assertEquals(Set.of("e2"), delta.get(1).resources().keySet(), "only the change");
    String v2 = delta.get(1).resources().get("e2").version();

    deltaRequest(List.of(), Map.of("e1", v1, "e2", v2), Set.of(), false); // ACK
    put(XdsTypes.ENDPOINT, "e1", EnvoyResources.endpoints("e1", "127.0.0.1", 3));
    assertEquals(Set.of("e1"), delta.get(2).resources().keySet());
    deltaRequest(List.of(), Map.of("e1", v1, "e2", v2), Set.of(), true); // NACK: still on v1
    assertEquals(3, delta.size(), "rejected version not re-sent");

    remove(XdsTypes.ENDPOINT, "e2");
    DeltaResponse removal = delta.get(3);
    assertNotNull(removal);
    assertEquals(List.of("e2"), removal.removedResources());
    assertTrue(removal.resources().isEmpty());
  }
}
