package io.meshlog.mesh.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshlog.mesh.ObjectRef;
import io.meshlog.mesh.Service;
import io.meshlog.mesh.ServicePort;
import io.meshlog.mesh.istio.FieldError;
import io.meshlog.mesh.istio.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kubernetes core Services to the mesh model. A Service becomes a mesh-internal, STATIC service with host
 * {@code <name>.<namespace>.svc.cluster.local}, its ClusterIP as address, and its selector as workload selector:
 * the compile core then takes endpoints from workloads of every cluster and registry in the namespace, which is
 * what merges one service spread over several clusters.
 *
 * <p>Each cluster's Service is its own model object (key per cluster, see {@link #modelRef}); when several
 * declare the same host, the compile core's owner rule (first by kind, namespace, name) picks one
 * deterministically for ports and addresses.
 */
public final class KubernetesAdapter {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Service";
  public static final String DOMAIN_SUFFIX = "svc.cluster.local";

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> PROTOCOL_PREFIXES =
      List.of("grpc-web", "grpc", "http2", "https", "http", "tcp", "tls", "mongo", "redis", "mysql");

  private KubernetesAdapter() {}

  /** Whether a config event holds a Kubernetes Service rather than an Istio object. */
  public static boolean handles(String apiVersion, String kind) {
    return API_VERSION.equals(apiVersion) && KIND.equals(kind);
  }

  public static String host(String namespace, String name) {
    return name + "." + namespace + "." + DOMAIN_SUFFIX;
  }

  /**
   * The model's identity of one cluster's Service: the cluster goes in the name, so the same Service in two
   * clusters is two objects in the index, and deleting one leaves the other.
   */
  public static ObjectRef modelRef(String cluster, String namespace, String name) {
    return new ObjectRef("KubernetesService", namespace, cluster.isEmpty() ? name : name + "@" + cluster);
  }

  /** {@code MeshObject.key()} of the model object {@link #toModel} makes, for deletes. */
  public static String modelKey(String cluster, String namespace, String name) {
    ObjectRef ref = modelRef(cluster, namespace, name);
    return ref.kind() + "/" + ref.namespace() + "/" + ref.name();
  }

  /** Canonical JSON of a spec: the same spec always has the same bytes, hence the same specHash. */
  public static String toJson(ServiceSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Service toModel(String cluster, String namespace, String name, String specJson)
      throws ValidationException {
    String object = "Service " + namespace + "/" + name + (cluster.isEmpty() ? "" : " in cluster " + cluster);
    ServiceSpec spec;
    try {
      spec = JSON.readValue(specJson, ServiceSpec.class);
    } catch (JsonProcessingException e) {
      throw new ValidationException(List.of(new FieldError(object, "spec", "malformed: " + e.getOriginalMessage())));
    }
    return toModel(cluster, namespace, name, spec, object);
  }

  private static Service toModel(String cluster, String namespace, String name, ServiceSpec spec, String object)
      throws ValidationException {
    List<FieldError> errors = new ArrayList<>();
    List<ServicePort> ports = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < spec.ports().size(); i++) {
      ServiceSpec.Port p = spec.ports().get(i);
      String path = "spec.ports[" + i + "]";
      if (p.port() < 1 || p.port() > 65535) {
        errors.add(new FieldError(object, path + ".port", "must be a port number 1..65535"));
      } else if (!seen.add(p.port())) {
        errors.add(new FieldError(object, path + ".port", "duplicate port " + p.port()));
      }
      if (p.targetPort() < 0 || p.targetPort() > 65535) {
        errors.add(new FieldError(object, path + ".targetPort", "must be a port number 1..65535"));
      }
      ports.add(new ServicePort(p.port(), p.name(), protocol(p), p.targetPort()));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    List<String> addresses = IPV4.matcher(spec.clusterIp()).matches() ? List.of(spec.clusterIp()) : List.of();
    Map<String, String> selector = spec.selector();
    return new Service(modelRef(cluster, namespace, name), List.of(host(namespace, name)), addresses, ports,
        Service.Location.MESH_INTERNAL, Service.Resolution.STATIC, List.of(), selector, List.of());
  }

  /** appProtocol if set, else inferred from the port name as Istio does ({@code grpc-echo} is GRPC), else TCP. */
  static String protocol(ServiceSpec.Port p) {
    if (!p.appProtocol().isEmpty()) {
      return p.appProtocol().toUpperCase(Locale.ROOT);
    }
    String name = p.name().toLowerCase(Locale.ROOT);
    for (String prefix : PROTOCOL_PREFIXES) {
      if (name.equals(prefix) || name.startsWith(prefix + "-")) {
        return prefix.toUpperCase(Locale.ROOT);
      }
    }
    return "TCP";
  }
}
