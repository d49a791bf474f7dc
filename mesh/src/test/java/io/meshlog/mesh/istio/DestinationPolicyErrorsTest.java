package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DestinationRule port-level settings, locality load balancing and TLS, and ServiceEntry DNS resolution: each
 * invalid or not-yet-supported value is rejected alone, naming the object and the exact field.
 */
class DestinationPolicyErrorsTest {
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

  private static String se(String spec) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: echo, namespace: demo}
        spec:
          ports: [{number: 80, name: http}]
        """ + spec.indent(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "portLevelSettings: [{loadBalancer: {simple: RANDOM}}] | spec.trafficPolicy.portLevelSettings[0].port.number | required",
      "portLevelSettings: [{port: {number: 80}}, {port: {number: 80}}] | spec.trafficPolicy.portLevelSettings[1].port.number | duplicate port 80",
      "portLevelSettings: [{port: {number: 80}, tls: {mode: MUTUAL, privateKey: /k}}] | spec.trafficPolicy.portLevelSettings[0].tls.clientCertificate | required with mode MUTUAL",
      "portLevelSettings: [{port: {number: 80}, connectionPool: {http: {http2MaxRequests: 0}}}] | spec.trafficPolicy.portLevelSettings[0].connectionPool.http.http2MaxRequests | at least 1",
      "loadBalancer: {localityLbSetting: {distribute: [{from: us-east/*, to: {us-east/*: 100}}]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].from | only \"*\"",
      "loadBalancer: {localityLbSetting: {distribute: [{from: '*', to: {us-east/*: 80, eu-west: 10}}]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to | weights sum to 90",
      "loadBalancer: {localityLbSetting: {distribute: [{from: '*', to: {'*/zone1': 100}}]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to[\"*/zone1\"] | * as a last part",
      "loadBalancer: {localityLbSetting: {failover: [{from: us-east, to: us-east}]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0].to | must differ",
      "loadBalancer: {localityLbSetting: {failover: [{from: us-east, to: eu-west}, {from: eu-west, to: us-east}]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.failover[1] | only one failover entry",
      "loadBalancer: {localityLbSetting: {failover: [{from: us-east/zone1, to: eu-west}]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0].from | a region",
      "loadBalancer: {localityLbSetting: {failover: [{from: a, to: b}], distribute: [{from: '*', to: {a: 100}}]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.failover | cannot be set together with distribute",
      "loadBalancer: {localityLbSetting: {failoverPriority: [topology.kubernetes.io/region]}} | spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority | not supported yet",
      "tls: {mode: MUTUAL, clientCertificate: /c} | spec.trafficPolicy.tls.privateKey | required with mode MUTUAL",
      "tls: {mode: ISTIO_MUTUAL, caCertificates: /ca} | spec.trafficPolicy.tls.caCertificates | cannot be set with mode ISTIO_MUTUAL",
      "tls: {mode: SIMPLE, insecureSkipVerify: true} | spec.trafficPolicy.tls.insecureSkipVerify | not supported yet",
      "tls: {mode: SIMPLE, subjectAltNames: ['']} | spec.trafficPolicy.tls.subjectAltNames[0] | must not be empty",
      "tls: {mode: STRICT} | spec.trafficPolicy.tls.mode | must be one of",
  })
  void rejectsInvalidPolicies(String policy, String field, String message) {
    FieldError e = only(dr(policy));
    assertError(e, "DestinationRule demo/echo", field);
    assertTrue(e.message().contains(message), e::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "'hosts: [\"*.example.com\"]\nresolution: DNS' | spec.hosts[0] | a wildcard host cannot be resolved by DNS",
      "'hosts: [api.example.com]\nresolution: DNS_ROUND_ROBIN\nendpoints: [{address: a.example.com}, {address: b.example.com}]' | spec.endpoints | at most one endpoint",
  })
  void rejectsInvalidDnsServiceEntries(String spec, String field, String message) {
    FieldError e = only(se(spec));
    assertError(e, "ServiceEntry demo/echo", field);
    assertTrue(e.message().contains(message), e::toString);
  }
}
