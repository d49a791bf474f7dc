package io.meshlog.app;

import io.meshlog.gateway.StaticResources;
import io.meshlog.history.EventLog;
import io.meshlog.history.MeshState;
import io.meshlog.history.ResourceRecords;
import io.meshlog.history.kafka.LogReader;
import io.meshlog.schemas.Topics;
import java.time.Instant;
import java.util.Map;

/** The mesh at T compiled from the events, as the static resources of a gateway started with --at T. */
final class FrozenMesh {
  private FrozenMesh() {}

  static StaticResources at(String bootstrapServers, Topics topics, String at, Instant now) {
    EventLog log = new LogReader(bootstrapServers, topics).events((done, total) -> {});
    TimeTravel tt = TimeTravel.at(log, at, now);
    MeshState.Compiled compiled = tt.state().compile();
    Map<String, Long> offsets = Map.of(
        topics.configEvents() + "-0", tt.point().configEnd(),
        topics.workloadEvents() + "-0", tt.point().workloadEnd());
    Instant eventTime = log.timeOf(tt.point()).orElse(now);
    return new StaticResources(
        ResourceRecords.of(compiled.resources().values(), "replay-" + tt.point(), offsets, eventTime),
        "mesh at " + tt.describe(log), offsets);
  }
}
