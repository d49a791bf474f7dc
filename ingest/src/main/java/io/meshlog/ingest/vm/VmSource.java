package io.meshlog.ingest.vm;

import io.meshlog.ingest.Rejection;
import io.meshlog.ingest.SourceSync;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM registry's shell: registrations and heartbeats (from {@link VmHttp}) change the {@link VmRegistry} and
 * sync at once, so a registration is in the log when its request returns; a ticker syncs the passing of time
 * (VMs turning unhealthy, then removed). One lock orders everything.
 */
public final class VmSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VmSource.class);

  private final VmRegistry registry;
  private final SourceSync sync;
  private final ScheduledExecutorService ticker;

  private VmSource(VmRegistry registry, SourceSync sync) {
    this.registry = registry;
    this.sync = sync;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vm-registry");
      t.setDaemon(true);
      return t;
    });
  }

  /** Restores the VMs the log holds, then checks heartbeats every {@code tick}. */
  public static VmSource start(VmRegistry registry, SourceSync sync, Duration tick) throws InterruptedException {
    VmSource source = new VmSource(registry, sync);
    try {
      sync.catchUp();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the log's VMs: " + e.getMessage(), e);
    }
    registry.restore(sync.currentWorkloads());
    source.ticker.scheduleWithFixedDelay(source::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    return source;
  }

  /** Registers (or re-registers) a VM; returns the problems instead when it is not acceptable. */
  public synchronized List<String> register(VmRegistration r) throws InterruptedException {
    List<String> problems = r.problems();
    if (!problems.isEmpty()) {
      sync.record(new Rejection(VmRegistry.KIND, r.namespace(), String.valueOf(r.name()),
          String.join("; ", problems), "vm registration from " + r.address()));
      return problems;
    }
    registry.register(r);
    sync.sync(registry.snapshot());
    return List.of();
  }

  public synchronized boolean heartbeat(String namespace, String name) throws InterruptedException {
    boolean known = registry.heartbeat(namespace, name);
    if (known) {
      sync.sync(registry.snapshot());
    }
    return known;
  }

  public synchronized boolean deregister(String namespace, String name) throws InterruptedException {
    boolean known = registry.deregister(namespace, name);
    sync.sync(registry.snapshot());
    return known;
  }

  public SourceSync sync() {
    return sync;
  }

  /** Runs one tick now (tests with a controlled clock call this instead of waiting for the ticker). */
  public synchronized void tick() {
    try {
      sync.sync(registry.snapshot());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("vm registry: sync failed, retrying: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
