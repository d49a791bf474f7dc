package io.meshlog.mesh.istio;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The Istio kinds meshlog understands, with the fabric8 class of their spec (the same in every version). */
enum IstioKind {
  DESTINATION_RULE("DestinationRule", io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule.class),
  GATEWAY("Gateway", io.fabric8.istio.api.api.networking.v1alpha3.Gateway.class),
  SERVICE_ENTRY("ServiceEntry", io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry.class),
  SIDECAR("Sidecar", io.fabric8.istio.api.api.networking.v1alpha3.Sidecar.class),
  VIRTUAL_SERVICE("VirtualService", io.fabric8.istio.api.api.networking.v1alpha3.VirtualService.class),
  WORKLOAD_ENTRY("WorkloadEntry", io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry.class);

  static final Set<String> API_VERSIONS =
      Set.of("networking.istio.io/v1alpha3", "networking.istio.io/v1beta1", "networking.istio.io/v1");

  private final String kind;
  private final Class<?> specClass;

  IstioKind(String kind, Class<?> specClass) {
    this.kind = kind;
    this.specClass = specClass;
  }

  String kind() {
    return kind;
  }

  Class<?> specClass() {
    return specClass;
  }

  static Optional<IstioKind> of(String apiVersion, String kind) {
    if (!API_VERSIONS.contains(apiVersion)) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
  }

  /** Why an apiVersion/kind pair is rejected, for the error message. */
  static String unknownMessage(String apiVersion, String kind) {
    String supported = "supported: DestinationRule, Gateway, ServiceEntry, Sidecar, VirtualService, WorkloadEntry in "
        + "networking.istio.io/v1, v1beta1 and v1alpha3";
    if (!API_VERSIONS.contains(apiVersion)) {
      return "unknown kind " + kind + " in apiVersion " + apiVersion + " (" + supported + ")";
    }
    return "unknown kind " + kind + " (" + supported + ")";
  }
}
