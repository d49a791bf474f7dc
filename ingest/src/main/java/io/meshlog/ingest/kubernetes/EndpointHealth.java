package io.meshlog.ingest.kubernetes;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.meshlog.events.Health;

/**
 * An EndpointSlice endpoint's health, as Istio reads its conditions: ready (unset means ready, as the API
 * documents) and not terminating is HEALTHY; anything else, a terminating endpoint that is still serving
 * included, is UNHEALTHY and left out of EDS, so draining pods get no new requests.
 */
final class EndpointHealth {
  private EndpointHealth() {}

  static Health of(EndpointConditions conditions) {
    if (conditions == null) {
      return Health.HEALTHY;
    }
    boolean ready = !Boolean.FALSE.equals(conditions.getReady());
    boolean terminating = Boolean.TRUE.equals(conditions.getTerminating());
    return ready && !terminating ? Health.HEALTHY : Health.UNHEALTHY;
  }
}
