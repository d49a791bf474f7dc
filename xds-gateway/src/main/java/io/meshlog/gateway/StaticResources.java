package io.meshlog.gateway;

import io.meshlog.events.XdsResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed set of resources for a gateway that serves a frozen mesh (e.g. {@code meshlog gateway --at T}): it
 * applies them once, follows nothing and writes nothing to Kafka.
 *
 * @param records resource records, applied in order as one batch
 * @param description what the set is, for logs (e.g. "mesh at offset:12,7")
 * @param offsets the log point the set reflects, reported as the gateway's applied offsets
 */
public record StaticResources(List<XdsResource> records, String description, Map<String, Long> offsets) {
  public StaticResources {
    records = List.copyOf(records);
    Objects.requireNonNull(description, "description");
    offsets = Map.copyOf(offsets);
  }

  ResourceSource source(ClassSnapshots snapshots) {
    return new ResourceSource() {
      @Override
      public Map<String, Long> catchUp() {
        snapshots.apply(records);
        return offsets;
      }

      @Override
      public void startFollowing() {}

      @Override
      public Map<String, Long> appliedOffsets() {
        return offsets;
      }

      @Override
      public void close() {}
    };
  }
}
