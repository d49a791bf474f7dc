package io.meshlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-change latencies of one propagation run, from the moment the change was accepted. */
final class ChangeTimes {
  private final List<Long> grpcRouted = new ArrayList<>();
  private final List<Long> firstProxy = new ArrayList<>();
  private final List<Long> allProxies = new ArrayList<>();
  private final List<Long> eachProxy = new ArrayList<>();
  private final List<Long> accept = new ArrayList<>();
  private final List<Long> routedAfterAccept = new ArrayList<>();

  /**
   * @param submittedAt when the change was submitted: every latency but one starts here
   * @param acceptedAt when the change call returned (ingest's HTTP apply; the baseline's compile + setSnapshot)
   */
  void add(long submittedAt, long acceptedAt, long routedAt, long[] proxyAt) {
    long start = submittedAt;
    accept.add(acceptedAt - submittedAt);
    routedAfterAccept.add(routedAt - acceptedAt);
    grpcRouted.add(routedAt - start);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long t : proxyAt) {
      min = Math.min(min, t);
      max = Math.max(max, t);
      eachProxy.add(t - start);
    }
    firstProxy.add(min - start);
    allProxies.add(max - start);
  }

  Stats grpc() {
    return Stats.ofNanos(array(grpcRouted));
  }

  Stats all() {
    return Stats.ofNanos(array(allProxies));
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("grpc_client_routes", grpc().json());
    m.put("first_proxy_received", Stats.ofNanos(array(firstProxy)).json());
    m.put("every_proxy_received", all().json());
    m.put("per_proxy_received", Stats.ofNanos(array(eachProxy)).json());
    m.put("change_call", Stats.ofNanos(array(accept)).json());
    m.put("grpc_client_routes_after_call_returned", Stats.ofNanos(array(routedAfterAccept)).json());
    return m;
  }

  private static long[] array(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
