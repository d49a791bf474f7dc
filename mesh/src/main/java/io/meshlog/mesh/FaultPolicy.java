package io.meshlog.mesh;

/**
 * Istio's HTTPFaultInjection: delay and/or abort a share of requests.
 *
 * @param delay null when requests are not delayed
 * @param abort null when requests are not aborted
 */
public record FaultPolicy(Delay delay, Abort abort) {
  /** @param percent share of requests delayed, 0..100 */
  public record Delay(long fixedDelayMillis, double percent) {}

  /**
   * @param code an HTTP status (kind HTTP) or a gRPC status code number (kind GRPC)
   * @param percent share of requests aborted, 0..100
   */
  public record Abort(Kind kind, int code, double percent) {
    public enum Kind { HTTP, GRPC }
  }
}
