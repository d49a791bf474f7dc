package io.meshlog.compiler;

import io.meshlog.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The compiler's topology: both event topics (one partition each, so one task sees the whole mesh in log order)
 * into the {@code compile} processor and its {@code mesh-objects} store, out to the resource topic partitioned
 * by proxy class.
 */
public final class CompilerTopology {
  public static final String CONFIG_SOURCE = "config-events";
  public static final String WORKLOAD_SOURCE = "workload-events";
  public static final String COMPILE = "compile";
  public static final String MESH_OBJECTS_STORE = "mesh-objects";
  public static final String RESOURCE_SINK = "xds-resources";

  private CompilerTopology() {}

  public static Topology buildTopology(CompilerConfig config) {
    Topics topics = config.topics();
    Topology t = new Topology();
    t.addSource(CONFIG_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.configEvents());
    t.addSource(WORKLOAD_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.workloadEvents());
    t.addProcessor(COMPILE, () -> new CompileProcessor(config), CONFIG_SOURCE, WORKLOAD_SOURCE);
    t.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MESH_OBJECTS_STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingDisabled(),
        COMPILE);
    t.addSink(RESOURCE_SINK, topics.xdsResources(), new StringSerializer(), new ByteArraySerializer(),
        new ClassPartitioner(), COMPILE);
    return t;
  }
}
