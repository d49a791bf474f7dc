package io.meshlog.mesh.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshlog.mesh.Workload;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** toModel on its own, as the compiler calls it on config and workload events. */
class IstioAdapterTest {
  @Test
  void workloadCarriesRegistryAndCluster() throws ValidationException {
    IstioObject we = new IstioObject("networking.istio.io/v1", "WorkloadEntry", "demo", "vm", Map.of(),
        "{\"address\":\"10.0.0.9\",\"ports\":{\"http\":8080}}");
    Workload w = (Workload) IstioAdapter.toModel(we, "vm-registry", "east");
    assertEquals("Workload/vm-registry/east/demo/vm", w.key());
    assertEquals(Map.of("http", 8080), w.endpoint().ports());
  }

  @Test
  void namesTheObjectWhenTheSpecIsBad() {
    IstioObject dr = new IstioObject("networking.istio.io/v1", "DestinationRule", "demo", "echo", Map.of(),
        "{\"host\":42}");
    ValidationException e = assertThrows(ValidationException.class, () -> IstioAdapter.toModel(dr, "", ""));
    assertEquals(new FieldError("DestinationRule demo/echo", "spec.host", "must be a string"), e.errors().get(0));
  }
}
