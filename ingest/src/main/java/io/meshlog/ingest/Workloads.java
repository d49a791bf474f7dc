package io.meshlog.ingest;

import io.meshlog.events.Health;
import io.meshlog.events.Workload;
import io.meshlog.mesh.Endpoint;
import java.util.TreeMap;

/** The model's Endpoint in the Avro shape of the workload topic (maps sorted, so hashes are stable). */
public final class Workloads {
  private Workloads() {}

  public static Workload of(Endpoint e) {
    return Workload.newBuilder()
        .setAddress(e.address())
        .setPorts(new TreeMap<>(e.ports()))
        .setLabels(new TreeMap<>(e.labels()))
        .setNetwork(e.network())
        .setLocality(e.locality())
        .setWeight(e.weight())
        .setServiceAccount(e.serviceAccount())
        .setHealth(e.healthy() ? Health.HEALTHY : Health.UNHEALTHY)
        .build();
  }
}
