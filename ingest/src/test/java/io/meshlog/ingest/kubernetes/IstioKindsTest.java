package io.meshlog.ingest.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The Istio kinds read from a cluster are exactly those the adapter accepts that the cluster serves. */
class IstioKindsTest {
  @Test
  void readsTheAdaptersKindsAtTheNewestServedVersion() {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = server.createClient()) {
      List<String> installed = List.of("VirtualService", "DestinationRule", "Sidecar", "Gateway", "EnvoyFilter");
      for (String kind : installed) {
        String plural = kind.toLowerCase() + "s";
        var spec = new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".networking.istio.io")
            .endMetadata().withNewSpec().withGroup("networking.istio.io").withScope("Namespaced")
            .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase())
            .withListKind(kind + "List").endNames();
        // DestinationRule as on an old Istio release: v1alpha3 only.
        for (String version : kind.equals("DestinationRule") ? List.of("v1alpha3") : List.of("v1", "v1alpha3")) {
          spec = spec.addNewVersion().withName(version).withServed(true).withStorage(version.equals("v1")
              || kind.equals("DestinationRule")).endVersion();
        }
        client.apiextensions().v1().customResourceDefinitions().resource(spec.endSpec().build()).create();
      }
      Map<String, String> served = new TreeMap<>();
      for (ResourceDefinitionContext c : IstioKinds.served(client)) {
        served.put(c.getKind(), c.getVersion());
      }
      // Sidecar and Gateway are read because the adapter accepts them; EnvoyFilter is not.
      Map<String, String> expected =
          Map.of("DestinationRule", "v1alpha3", "Gateway", "v1", "Sidecar", "v1", "VirtualService", "v1");
      assertEquals(new TreeMap<>(expected), served);
    } finally {
      server.destroy();
    }
  }
}
