package io.meshlog.mesh.istio;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlog.mesh.FaultPolicy;
import java.util.Locale;
import java.util.Set;

/** A route's {@code fault}: fixed delay and abort (HTTP or gRPC status), each for a percentage of requests. */
final class FaultConverter {
  private FaultConverter() {}

  static FaultPolicy convert(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("delay", "abort"));
    FaultPolicy.Delay delay = node.hasNonNull("delay") ? delay(node.get("delay"), path + ".delay", errors) : null;
    FaultPolicy.Abort abort = node.hasNonNull("abort") ? abort(node.get("abort"), path + ".abort", errors) : null;
    if (delay == null && abort == null) {
      errors.add(path, "one of delay or abort is required");
    }
    return new FaultPolicy(delay, abort);
  }

  private static FaultPolicy.Delay delay(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("fixedDelay", "percentage", "percent"));
    long millis = 0;
    if (node.hasNonNull("fixedDelay")) {
      millis = Math.max(0, Durations.millis(node.get("fixedDelay").asText(), path + ".fixedDelay", errors, false));
    } else if (!node.has("exponentialDelay")) { // that one is reported as unsupported
      errors.add(path + ".fixedDelay", "required");
    }
    return new FaultPolicy.Delay(millis, percent(node, path, errors));
  }

  private static FaultPolicy.Abort abort(JsonNode node, String path, Errors errors) {
    Fields.onlySupported(node, path, errors, Set.of("httpStatus", "grpcStatus", "percentage"));
    double percent = percent(node, path, errors);
    if (node.hasNonNull("httpStatus")) {
      int status = node.get("httpStatus").asInt();
      if (status < 200 || status > 599) {
        errors.add(path + ".httpStatus", "must be an HTTP status 200..599");
      }
      return new FaultPolicy.Abort(FaultPolicy.Abort.Kind.HTTP, status, percent);
    }
    if (node.hasNonNull("grpcStatus")) {
      String name = node.get("grpcStatus").asText();
      int code = GrpcStatuses.code(name.toUpperCase(Locale.ROOT));
      if (code < 0) {
        errors.add(path + ".grpcStatus", "unknown gRPC status \"" + name + "\": use a name such as UNAVAILABLE");
      }
      return new FaultPolicy.Abort(FaultPolicy.Abort.Kind.GRPC, Math.max(code, 0), percent);
    }
    errors.add(path, "one of httpStatus or grpcStatus is required");
    return null;
  }

  /** {@code percentage.value}, else the deprecated integer {@code percent}; unset means 0, as in Istio. */
  private static double percent(JsonNode node, String path, Errors errors) {
    double value = 0;
    String at = path + ".percent";
    if (node.hasNonNull("percentage")) {
      Fields.onlySupported(node.get("percentage"), path + ".percentage", errors, Set.of("value"));
      value = node.get("percentage").path("value").asDouble(0);
      at = path + ".percentage.value";
    } else if (node.hasNonNull("percent")) {
      value = node.get("percent").asInt();
    }
    if (value < 0 || value > 100) {
      errors.add(at, "must be 0..100");
    }
    return value;
  }
}
