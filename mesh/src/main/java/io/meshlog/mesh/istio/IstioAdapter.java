package io.meshlog.mesh.istio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry;
import io.fabric8.istio.api.api.networking.v1alpha3.VirtualService;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Workload;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Converts an Istio object (its canonical spec JSON) to the registry-neutral mesh model. Used by ingest to
 * validate before publishing, and by the compiler to decode config events: one conversion, two callers.
 */
public final class IstioAdapter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecShape SHAPE = new SpecShape(JSON);

  private IstioAdapter() {}

  /**
   * The kinds this adapter accepts (in networking.istio.io v1, v1beta1 and v1alpha3), sorted: registries read
   * exactly these from a cluster's API, so a kind added here is read with no change to them.
   */
  public static List<String> kinds() {
    return Arrays.stream(IstioKind.values()).map(IstioKind::kind).sorted().toList();
  }

  /**
   * @param registry source registry of a WorkloadEntry (the model's Workload needs it); ignored for other kinds
   * @param cluster source cluster of a WorkloadEntry; ignored for other kinds
   */
  public static MeshObject toModel(IstioObject object, String registry, String cluster) throws ValidationException {
    ObjectRef ref = object.ref();
    Errors errors = new Errors(ref.toString());
    Optional<IstioKind> kind = IstioKind.of(object.apiVersion(), object.kind());
    if (kind.isEmpty()) {
      errors.add("kind", IstioKind.unknownMessage(object.apiVersion(), object.kind()));
      throw new ValidationException(errors.list());
    }
    JsonNode spec = specTree(object.specJson(), errors);
    errors.throwIfAny();
    // Shape first: it reports every unknown or ill-typed field, binding would stop at the first.
    SHAPE.check(spec, kind.get().specClass(), "spec", errors);
    errors.throwIfAny();
    Object typed = bind(ModelGaps.forBinding(spec), kind.get().specClass(), errors);
    errors.throwIfAny();
    MeshObject model = switch (kind.get()) {
      case SERVICE_ENTRY -> ServiceEntryConverter.convert(ref, (ServiceEntry) typed, spec, errors);
      case VIRTUAL_SERVICE -> VirtualServiceConverter.convert(ref, (VirtualService) typed, spec, errors);
      case GATEWAY -> GatewayConverter.convert(
          ref, (io.fabric8.istio.api.api.networking.v1alpha3.Gateway) typed, spec, errors);
      case SIDECAR -> SidecarConverter.convert(
          ref, (io.fabric8.istio.api.api.networking.v1alpha3.Sidecar) typed, spec, errors);
      case DESTINATION_RULE -> DestinationRuleConverter.convert(ref, (DestinationRule) typed, spec, errors);
      case WORKLOAD_ENTRY -> new Workload(ref, registry, cluster, EndpointConverter.convert(
          (WorkloadEntry) typed, spec, "spec", EndpointConverter.Addresses.IP_OR_HOSTNAME, errors));
    };
    errors.throwIfAny();
    return model;
  }

  private static JsonNode specTree(String specJson, Errors errors) {
    try {
      JsonNode spec = JSON.readTree(specJson);
      if (spec != null && spec.isObject()) {
        return spec;
      }
      errors.add("spec", "must be an object");
    } catch (JsonProcessingException e) {
      errors.add("spec", "malformed JSON: " + e.getOriginalMessage());
    }
    return null;
  }

  private static Object bind(JsonNode spec, Class<?> type, Errors errors) {
    try {
      return JSON.treeToValue(spec, type);
    } catch (JsonMappingException e) {
      errors.add(JsonPath.of(e, "spec"), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      errors.add("spec", e.getOriginalMessage());
    }
    return null;
  }
}
