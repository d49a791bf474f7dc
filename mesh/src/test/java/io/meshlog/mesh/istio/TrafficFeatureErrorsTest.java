package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each invalid or not-yet-supported value of the traffic features is rejected alone, naming the object and
 * the exact field: route timeout, retries, fault, header matches and edits, consistent hash, outlier detection
 * and connection pool.
 */
class TrafficFeatureErrorsTest {
  private static String vs(String route) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: demo}
        spec:
          hosts: [echo]
          http:
          - route: [{destination: {host: echo}}]
        """ + route.indent(4);
  }

  private static String dr(String policy) {
    return """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo, namespace: demo}
        spec:
          host: echo
          trafficPolicy:
        """ + policy.indent(4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "timeout: 5 seconds | spec.http[0].timeout | invalid duration",
      "timeout: 500us | spec.http[0].timeout | at least 1ms",
      "retries: {attempts: -1} | spec.http[0].retries.attempts | 0 or more",
      "retries: {attempts: 2, retryOn: 'unavailable,sometimes'} | spec.http[0].retries.retryOn | \"sometimes\"",
      "retries: {attempts: 2, perTryTimeout: 1x} | spec.http[0].retries.perTryTimeout | invalid duration",
      "retries: {attempts: 2, backoff: later} | spec.http[0].retries.backoff | invalid duration",
      "fault: {abort: {grpcStatus: SOMETIMES, percentage: {value: 5}}} | spec.http[0].fault.abort.grpcStatus | unknown gRPC status",
      "fault: {abort: {httpStatus: 99, percentage: {value: 5}}} | spec.http[0].fault.abort.httpStatus | 200..599",
      "fault: {delay: {fixedDelay: 1s, percentage: {value: 101}}} | spec.http[0].fault.delay.percentage.value | 0..100",
      "fault: {delay: {percentage: {value: 1}}} | spec.http[0].fault.delay.fixedDelay | required",
      "fault: {delay: {exponentialDelay: 1s, percentage: {value: 1}}} | spec.http[0].fault.delay.exponentialDelay | not supported yet",
      "fault: {} | spec.http[0].fault | one of delay or abort",
      "match: [{uri: {}}] | spec.http[0].match[0].uri | one of exact, prefix or regex",
      "match: [{queryParams: {v: {regex: '('}}}] | spec.http[0].match[0].queryParams.v.regex | invalid regular expression",
      "match: [{method: {}}] | spec.http[0].match[0].method | one of exact, prefix or regex",
      "match: [{authority: {regex: '['}}] | spec.http[0].match[0].authority.regex | invalid regular expression",
      "redirect: {uri: /v2} | spec.http[0].route | cannot be set together with redirect",
      "directResponse: {status: 404} | spec.http[0].route | cannot be set together with directResponse",
      "rewrite: {uri: /a, uriRegexRewrite: {match: '^/b', rewrite: /c}} | spec.http[0].rewrite.uriRegexRewrite | cannot be set together with uri",
      "rewrite: {uriRegexRewrite: {match: '(', rewrite: /c}} | spec.http[0].rewrite.uriRegexRewrite.match | invalid regular expression",
      "rewrite: {} | spec.http[0].rewrite | one of uri, uriRegexRewrite or authority",
      "mirrorPercentage: {value: 50} | spec.http[0].mirror | required when a mirror percentage is set",
      "mirrors: [{destination: {host: other}, percentage: {value: 150}}] | spec.http[0].mirrors[0].percentage.value | 0..100",
      "mirrors: [{destination: {subset: v1}}] | spec.http[0].mirrors[0].destination.host | required",
      "corsPolicy: {maxAge: soon} | spec.http[0].corsPolicy.maxAge | invalid duration",
      "corsPolicy: {allowOrigins: [{}]} | spec.http[0].corsPolicy.allowOrigins[0] | one of exact, prefix or regex",
      "headers: {request: {set: {'bad header': x}}} | spec.http[0].headers.request.set[\"bad header\"] | invalid header name",
      "headers: {response: {set: {'bad header': y}}} | spec.http[0].headers.response.set[\"bad header\"] | invalid header name",
  })
  void rejectsInvalidRouteFeatures(String route, String field, String message) {
    FieldError e = only(vs(route));
    assertError(e, "VirtualService demo/echo", field);
    assertTrue(e.message().contains(message), e::toString);
  }

  /** Routes that answer by themselves (no {@code route}). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "redirect: {uri: /a, redirectCode: 200} | spec.http[0].redirect.redirectCode | 301, 302, 303, 307, 308",
      "redirect: {} | spec.http[0].redirect | one of uri, authority, port, derivePort or scheme",
      "redirect: {port: 80, derivePort: FROM_REQUEST_PORT} | spec.http[0].redirect.port | only one of them",
      "directResponse: {status: 99} | spec.http[0].directResponse.status | 200..599",
      "directResponse: {status: 200, body: {bytes: \"not base64!\"}} | spec.http[0].directResponse.body.bytes | must be base64",
  })
  void rejectsInvalidAnswers(String answer, String field, String message) {
    FieldError e = only("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: demo}
        spec:
          hosts: [echo]
          http:
          - %s
        """.formatted(answer));
    assertError(e, "VirtualService demo/echo", field);
    assertTrue(e.message().contains(message), e::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "loadBalancer: {consistentHash: {ringHash: {minimumRingSize: 1024}}} | spec.trafficPolicy.loadBalancer.consistentHash | one of httpHeaderName",
      "loadBalancer: {consistentHash: {httpCookie: {ttl: 1s}}} | spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name | must not be empty",
      "loadBalancer: {consistentHash: {httpCookie: {name: c, ttl: soon}}} | spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl | invalid duration",
      "loadBalancer: {consistentHash: {httpHeaderName: x, httpQueryParameterName: q}} | spec.trafficPolicy.loadBalancer.consistentHash.httpQueryParameterName | only one of them",
      "loadBalancer: {consistentHash: {httpQueryParameterName: q, ringHash: {minimumRingSize: 8}, maglev: {}}} | spec.trafficPolicy.loadBalancer.consistentHash.ringHash | only one of them",
      "loadBalancer: {consistentHash: {httpHeaderName: x, ringHash: {minimumRingSize: 9999999999}}} | spec.trafficPolicy.loadBalancer.consistentHash.ringHash.minimumRingSize | 0..8388608",
      "outlierDetection: {consecutive5xxErrors: 3, maxEjectionPercent: 101} | spec.trafficPolicy.outlierDetection.maxEjectionPercent | 0..100",
      "outlierDetection: {consecutive5xxErrors: 3, interval: soon} | spec.trafficPolicy.outlierDetection.interval | invalid duration",
      "outlierDetection: {interval: 1s} | spec.trafficPolicy.outlierDetection | one of consecutive5xxErrors",
      "connectionPool: {http: {http2MaxRequests: 0}} | spec.trafficPolicy.connectionPool.http.http2MaxRequests | at least 1",
      "connectionPool: {tcp: {connectTimeout: 0s}} | spec.trafficPolicy.connectionPool.tcp.connectTimeout | at least 1ms",
      "connectionPool: {tcp: {tcpKeepalive: {time: 1500ms}}} | spec.trafficPolicy.connectionPool.tcp.tcpKeepalive.time | whole seconds",
      "connectionPool: {tcp: {idleTimeout: 1h}} | spec.trafficPolicy.connectionPool.tcp.idleTimeout | not supported yet",
      "connectionPool: {http: {maxRetries: 0}} | spec.trafficPolicy.connectionPool.http.maxRetries | at least 1",
      "outlierDetection: {consecutiveLocalOriginFailures: 3} | spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures | splitExternalLocalOriginErrors",
      "outlierDetection: {consecutive5xxErrors: 3, minHealthPercent: 120} | spec.trafficPolicy.outlierDetection.minHealthPercent | 0..100",
      "tls: {mode: SIMPLE, credentialName: api-cert} | spec.trafficPolicy.tls.credentialName | not supported yet",
  })
  void rejectsInvalidDestinationPolicies(String policy, String field, String message) {
    FieldError e = only(dr(policy));
    assertError(e, "DestinationRule demo/echo", field);
    assertTrue(e.message().contains(message), e::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"300ms|300", "1.5s|1500", "1m2s|62000", "1h|3600000", "0s|0"})
  void parsesIstioDurations(String text, long millis) {
    Errors errors = new Errors("x");
    assertEquals(millis, Durations.millis(text, "f", errors, true));
    assertTrue(errors.isEmpty(), errors.list()::toString);
  }
}
