package io.meshlog.schemas;

import java.util.Map;

/** A topic meshlog needs: its name, partition count and topic-level configs. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {
  public TopicSpec {
    configs = Map.copyOf(configs);
  }
}
