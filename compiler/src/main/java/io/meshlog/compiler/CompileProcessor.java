package io.meshlog.compiler;

import io.meshlog.compiler.core.CompileDelta;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.MeshChange;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.mesh.istio.ValidationException;
import io.meshlog.schemas.Serdes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only processor: keeps the latest event per object in the {@code mesh-objects} store, feeds changes to
 * the pure {@link MeshCompiler} and forwards each delta as one batch. All meshlog logic is in the core; this
 * class only moves bytes between Kafka and it.
 *
 * <p>Events are compiled in batches: while more input is known to be waiting ({@link InputBacklog}), changes
 * are collected (up to {@link #MAX_BATCH}) and compiled together, so a burst of N events costs one recompile of
 * what they touch instead of N (each rebuilding the per-port aggregates). A single change arriving on its own is
 * compiled at once. The output is the same either way; only how changes are grouped into batches differs.
 */
final class CompileProcessor implements Processor<String, byte[], String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(CompileProcessor.class);
  private static final String CONFIG_PREFIX = "c:";
  private static final String WORKLOAD_PREFIX = "w:";
  private static final String OFFSET_PREFIX = "o:";
  /** Most events compiled as one batch, so a long backlog still shows progress on the resource topic. */
  static final int MAX_BATCH = 2_000;
  /**
   * Backstop for a batch left open although no record follows (end offsets past the last data record, e.g. a
   * transaction marker): flushed once a whole interval passes without a record.
   */
  private static final Duration FLUSH_INTERVAL = Duration.ofMillis(20);

  private final CompilerConfig config;
  private final MeshCompiler compiler = new MeshCompiler();
  private final Map<String, Long> offsets = new TreeMap<>();
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> store;
  private CompileDelta startDelta;
  private Cancellable startPunctuation;
  private InputBacklog backlog;
  private final List<MeshChange> pending = new ArrayList<>();
  private String pendingBatchId;
  private Instant pendingEventTime;
  private boolean processedSinceCheck;

  CompileProcessor(CompilerConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.store = context.getStateStore(CompilerTopology.MESH_OBJECTS_STORE);
    List<MeshChange> stored = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.key.startsWith(OFFSET_PREFIX)) {
          offsets.put(kv.key.substring(OFFSET_PREFIX.length()), ByteBuffer.wrap(kv.value).getLong());
        } else {
          MeshChange change = decode(kv.key, kv.value);
          if (change != null) {
            stored.add(change);
          }
        }
      }
    }
    compiler.applyAll(stored);
    startDelta = diff(compiler.resources(), PublishedResources.read(config.bootstrapServers(), config.topics().xdsResources()));
    log.info("compiler rebuilt {} resources from the store; {} to publish, {} to remove", compiler.resources().size(),
        startDelta.upserts().size(), startDelta.removals().size());
    // Forwarding is not allowed in init(); the first punctuation (or the first record) publishes the start delta.
    startPunctuation = context.schedule(Duration.ofMillis(10), PunctuationType.WALL_CLOCK_TIME, t -> flushStart());
    context.schedule(FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, t -> flushIfStalled());
    backlog = new InputBacklog(config.bootstrapServers(),
        List.of(config.topics().configEvents(), config.topics().workloadEvents()));
  }

  @Override
  public void close() {
    // Changes still pending are in the store: the next start publishes them as part of its start delta.
    if (backlog != null) {
      backlog.close();
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    flushStart();
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    String source = meta.topic() + "-" + meta.partition();
    String storeKey = (meta.topic().equals(config.topics().configEvents()) ? CONFIG_PREFIX : WORKLOAD_PREFIX) + record.key();
    processedSinceCheck = true;
    offsets.put(source, meta.offset());
    store.put(OFFSET_PREFIX + source, ByteBuffer.allocate(Long.BYTES).putLong(meta.offset()).array());
    if (record.value() != null) {
      MeshChange change = decode(storeKey, record.value());
      if (change instanceof MeshChange.Delete) {
        store.delete(storeKey);
      } else {
        store.put(storeKey, record.value());
      }
      if (change != null) {
        pending.add(change);
        pendingBatchId = source + "-" + meta.offset();
        Instant time = Instant.ofEpochMilli(record.timestamp());
        pendingEventTime = pendingEventTime == null || time.isBefore(pendingEventTime) ? time : pendingEventTime;
      }
    }
    if (pending.size() >= MAX_BATCH || !backlog.pending(offsets)) {
      flushPending();
    }
  }

  private void flushIfStalled() {
    if (!processedSinceCheck) {
      flushPending();
    }
    processedSinceCheck = false;
  }

  /**
   * Compiles the pending changes as one delta; its batch is named after the last input record in it and timed
   * from the earliest, so convergence is measured from the oldest change it carries.
   */
  private void flushPending() {
    if (pending.isEmpty()) {
      return;
    }
    CompileDelta delta = compiler.applyAll(pending);
    pending.clear();
    forward(delta, pendingBatchId, pendingEventTime);
    pendingEventTime = null;
  }

  private void flushStart() {
    if (startDelta == null) {
      return;
    }
    CompileDelta delta = startDelta;
    startDelta = null;
    startPunctuation.cancel();
    forward(delta, "start-" + offsets, Instant.ofEpochMilli(context.currentSystemTimeMs()));
  }

  private void forward(CompileDelta delta, String batchId, Instant eventTime) {
    if (delta.isEmpty()) {
      return;
    }
    for (Record<String, byte[]> r : BatchWriter.records(delta, batchId, Map.copyOf(offsets), eventTime)) {
      context.forward(r);
    }
  }

  private static MeshChange decode(String storeKey, byte[] value) {
    try {
      if (storeKey.startsWith(CONFIG_PREFIX)) {
        return EventDecoder.decode(Serdes.CONFIG_EVENT.fromBytes(value));
      }
      return EventDecoder.decode(Serdes.WORKLOAD_EVENT.fromBytes(value));
    } catch (ValidationException e) {
      // Ingest validated it; a newer compiler may be stricter. Keep the rest of the mesh compiling.
      log.warn("skipping {}: {}", storeKey, e.getMessage());
      return null;
    }
  }

  /** Resources to publish so that the topic holds exactly {@code wanted}. */
  static CompileDelta diff(Map<ResourceKey, CompiledResource> wanted, Map<ResourceKey, String> published) {
    List<CompiledResource> upserts = new ArrayList<>();
    for (CompiledResource r : wanted.values()) {
      if (!r.version().equals(published.get(r.key()))) {
        upserts.add(r);
      }
    }
    List<ResourceKey> removals = new ArrayList<>(new java.util.TreeSet<>(published.keySet()));
    removals.removeIf(wanted::containsKey);
    return new CompileDelta(upserts, removals);
  }
}
