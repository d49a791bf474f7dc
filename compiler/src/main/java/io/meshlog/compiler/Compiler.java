package io.meshlog.compiler;

import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running compiler: the Streams app built by {@link CompilerTopology}. */
public final class Compiler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Compiler.class);
  private final KafkaStreams streams;

  private Compiler(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Starts the app and waits until it is running. */
  public static Compiler start(CompilerConfig config) {
    KafkaStreams streams = new KafkaStreams(CompilerTopology.buildTopology(config), config.streamsProperties());
    streams.setUncaughtExceptionHandler(e -> {
      log.error("compiler stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
        streams.close(Duration.ofSeconds(10));
        throw new IllegalStateException("compiler did not start: state " + streams.state());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return new Compiler(streams);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Stops and leaves the consumer group, so that a restarted compiler is assigned its task at once instead of
   * waiting out the old member's session timeout (Streams stays in the group on close by default).
   */
  @Override
  public void close() {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
