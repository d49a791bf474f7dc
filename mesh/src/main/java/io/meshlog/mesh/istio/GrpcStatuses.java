package io.meshlog.mesh.istio;

import java.util.List;

/** gRPC status names, by code number (the order of the gRPC spec). */
final class GrpcStatuses {
  private static final List<String> NAMES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
      "UNAUTHENTICATED");

  private GrpcStatuses() {}

  /** The code of an upper-case status name, or -1. */
  static int code(String name) {
    return NAMES.indexOf(name);
  }
}
