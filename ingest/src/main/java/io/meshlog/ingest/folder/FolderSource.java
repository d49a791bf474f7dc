package io.meshlog.ingest.folder;

import io.meshlog.ingest.SourceSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a folder (GitOps style) and syncs its YAML files (*.yaml, *.yml, recursively, hidden ones skipped)
 * whenever their contents change. Polling rather than a file watcher: it sees the same thing on every file
 * system, including bind mounts and git checkouts that swap directories.
 */
public final class FolderSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FolderSource.class);

  private final Path root;
  private final String defaultNamespace;
  private final SourceSync sync;
  private final ScheduledExecutorService executor;
  private Map<String, String> lastSynced;

  private FolderSource(Path root, String defaultNamespace, SourceSync sync) {
    this.root = root;
    this.defaultNamespace = defaultNamespace;
    this.sync = sync;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "folder-" + root.getFileName());
      t.setDaemon(true);
      return t;
    });
  }

  public static FolderSource start(Path root, String defaultNamespace, Duration pollInterval, SourceSync sync) {
    FolderSource source = new FolderSource(root, defaultNamespace, sync);
    source.executor.scheduleWithFixedDelay(source::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("watching folder {} every {}", root, pollInterval);
    return source;
  }

  private void poll() {
    try {
      if (!Files.isDirectory(root)) {
        // A missing folder (unmounted, mid-checkout) is not an empty one: never delete everything for it.
        log.warn("folder {} does not exist; keeping its objects as they are", root);
        sync.skip();
        return;
      }
      Map<String, String> files = read();
      if (files.equals(lastSynced)) {
        return;
      }
      sync.sync(FolderSnapshot.build(files, defaultNamespace));
      lastSynced = files;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("folder {}: sync failed, retrying: {}", root, e.getMessage());
    }
  }

  private Map<String, String> read() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(FolderSource::isYaml).toList()) {
        String relative = root.relativize(p).toString().replace('\\', '/');
        if (relative.startsWith(".") || relative.contains("/.")) {
          continue;
        }
        files.put(relative, Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
    return files;
  }

  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
