package io.meshlog.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ServiceEntry {@code resolution: DNS} as grpc-java's real xDS client experiences it: endpoints named
 * {@code localhost} (not IPs), resolved by the client, reach real local gRPC servers.
 */
class DnsResolutionEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @RegisterExtension static final GrpcMeshStack MESH = new GrpcMeshStack("dns");


  /** One endpoint: the grpc class gets a LOGICAL_DNS cluster (gRFC A37) and the client resolves the name. */
  @Test
  void oneDnsEndpointIsReachedThroughALogicalDnsCluster() throws Exception {
    int port = MESH.backends().start("dns-one", ScriptedBackends.Mode.HEALTHY);
    apply(entry("dnsone", "DNS", port));
    ManagedChannel ch = channel("dnsone");
    Poll.until(CONVERGE, "the DNS-resolved backend answers", () -> split(ch, 4).containsKey("dns-one"));
    Map<String, Integer> calls = split(ch, 100);
    assertEquals(Map.of("dns-one", 100), calls, "every call answered by the backend behind localhost: " + calls);
  }

  /** DNS_ROUND_ROBIN compiles to the same LOGICAL_DNS shape for gRPC. */
  @Test
  void dnsRoundRobinIsReachedThroughALogicalDnsCluster() throws Exception {
    int port = MESH.backends().start("dns-rr", ScriptedBackends.Mode.HEALTHY);
    apply(entry("dnsrr", "DNS_ROUND_ROBIN", port));
    ManagedChannel ch = channel("dnsrr");
    Poll.until(CONVERGE, "the DNS-resolved backend answers", () -> split(ch, 4).containsKey("dns-rr"));
    Map<String, Integer> calls = split(ch, 100);
    assertEquals(Map.of("dns-rr", 100), calls, "every call answered: " + calls);
  }

  /**
   * Several endpoints: the grpc class gets an aggregate of one LOGICAL_DNS cluster per endpoint (grpc-java refuses
   * names in EDS), which grpc-java treats as priorities in endpoint order: calls go to the first, move to the next
   * when it is down, and come back.
   */
  @Test
  void severalDnsEndpointsFailOverInEndpointOrder() throws Exception {
    int a = MESH.backends().start("dns-a", ScriptedBackends.Mode.HEALTHY);
    int b = MESH.backends().start("dns-b", ScriptedBackends.Mode.HEALTHY);
    // Endpoints are ordered by address, then port: the lower port is the first child.
    String first = a < b ? "dns-a" : "dns-b";
    String second = a < b ? "dns-b" : "dns-a";
    apply(entry("dnsmany", "DNS", a, b));
    ManagedChannel ch = channel("dnsmany");
    Poll.until(CONVERGE, "the first DNS endpoint answers", () -> split(ch, 4).containsKey(first));
    Map<String, Integer> calls = split(ch, 200);
    assertEquals(Map.of(first, 200), calls, "every call to the first endpoint: " + calls);

    MESH.backends().stop(first);
    Poll.until(CONVERGE, "calls move to the second DNS endpoint", () -> split(ch, 20).equals(Map.of(second, 20)));
    calls = split(ch, 200);
    assertEquals(Map.of(second, 200), calls, "every call to the second endpoint: " + calls);

    MESH.backends().restart(first);
    Poll.until(CONVERGE, "calls come back to the first DNS endpoint", () -> split(ch, 20).equals(Map.of(first, 20)));
  }

  private static String entry(String name, String resolution, int... ports) {
    StringBuilder endpoints = new StringBuilder();
    for (int port : ports) {
      endpoints.append("\n  - {address: localhost, ports: {grpc: %d}}".formatted(port));
    }
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: %1$s, namespace: demo}
        spec:
          hosts: [%1$s.demo.svc]
          location: MESH_EXTERNAL
          resolution: %2$s
          ports: [{number: 8080, name: grpc, protocol: GRPC}]
          endpoints:""".formatted(name, resolution) + endpoints + "\n";
  }

  private static ManagedChannel channel(String name) {
    ManagedChannel ch = MESH.xdsChannel(name + ".demo.svc:8080");
    return ch;
  }

  /** Which backend answered each of n calls ("error" for failed calls). */
  private static Map<String, Integer> split(ManagedChannel ch, int n) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String who;
      try {
        who = ClientCalls.blockingUnaryCall(ch, Echo.WHO, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "");
      } catch (StatusRuntimeException e) {
        who = "error";
      }
      out.merge(who, 1, Integer::sum);
    }
    return out;
  }

  private static void apply(String yaml) throws Exception {
    MESH.apply(yaml);
  }
}
