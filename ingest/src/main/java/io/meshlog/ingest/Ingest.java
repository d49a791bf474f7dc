package io.meshlog.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meshlog.ingest.folder.FolderSource;
import io.meshlog.ingest.kubernetes.ClusterSnapshot;
import io.meshlog.ingest.kubernetes.KubernetesSource;
import io.meshlog.ingest.vm.VmHttp;
import io.meshlog.ingest.vm.VmRegistry;
import io.meshlog.ingest.vm.VmSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ingest instance: the state view, the publisher, the HTTP apply API, and the registries it syncs
 * (Kubernetes clusters, folders, VM registration), each owning its own (registry, cluster) key space.
 */
public final class Ingest implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ingest.class);

  private final IngestConfig config;
  private final StateView view;
  private final Publisher publisher;
  private final Admin admin;
  private final IngestServer server;
  private final Clock clock;
  private final MergePublisher merge;
  /** Sources and their clients, closed last-started first, before the view and publisher they use. */
  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  private Ingest(IngestConfig config, Clock clock) throws IOException {
    this.config = config;
    this.clock = clock;
    this.view = new StateView(config.bootstrapServers(), config.topics());
    this.publisher = new Publisher(config.bootstrapServers());
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
    ApplyService apply = new ApplyService(config.topics(), view, publisher, admin,
        new EventFactory(config.registry(), config.cluster()), clock);
    this.merge = new MergePublisher(config.topics(), view, publisher, clock, config.registry());
    this.server = new IngestServer(config.host(), config.port(), apply, view, new ObjectMapper(), config.token());
    server.route("/v1/rejections", new RejectionsHttp(config.bootstrapServers(), config.topics(), new ObjectMapper()));
  }

  public static Ingest start(IngestConfig config) {
    return start(config, SourcesConfig.none());
  }

  /** Starts ingest and every registry in {@code sources}; a cluster that cannot be listed fails the start. */
  public static Ingest start(IngestConfig config, SourcesConfig sources) {
    return start(config, sources, Clock.systemUTC());
  }

  /** With the clock VM heartbeats are judged by: tests control it. */
  public static Ingest start(IngestConfig config, SourcesConfig sources, Clock clock) {
    Ingest ingest;
    try {
      ingest = new Ingest(config, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ingest on " + config.host() + ":" + config.port(), e);
    }
    try {
      ingest.startSources(sources);
    } catch (RuntimeException | InterruptedException e) {
      ingest.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot start registries: " + e.getMessage(), e);
    }
    return ingest;
  }

  private void startSources(SourcesConfig sources) throws InterruptedException {
    for (SourcesConfig.Cluster c : sources.clusters()) {
      KubernetesClient client = new KubernetesClientBuilder().withConfig(kubeConfig(c)).build();
      running.push(client);
      running.push(KubernetesSource.start(client,
          new ClusterSnapshot.Settings(c.id(), c.network(), c.region()), sync("kubernetes", c.id())));
    }
    for (SourcesConfig.Folder f : sources.folders()) {
      Path root = Path.of(f.path());
      String name = f.name() == null || f.name().isBlank() ? String.valueOf(root.getFileName()) : f.name();
      String namespace = f.namespace() == null || f.namespace().isBlank() ? "default" : f.namespace();
      running.push(FolderSource.start(root, namespace, f.poll(), sync("file", name)));
    }
    if (sources.vms() != null) {
      SourcesConfig.Vms v = sources.vms();
      VmSource vms = VmSource.start(new VmRegistry(clock, new VmRegistry.Timeouts(v.unhealthy(), v.delete())),
          sync("vm", ""), v.check());
      running.push(vms);
      server.route("/v1/vms", new VmHttp(vms, new ObjectMapper()));
      log.info("VM registration on /v1/vms (unhealthy after {}, removed after {})", v.unhealthy(), v.delete());
    }
  }

  private static Config kubeConfig(SourcesConfig.Cluster c) {
    String context = c.context() == null || c.context().isBlank() ? null : c.context();
    if (c.kubeconfig() == null || c.kubeconfig().isBlank()) {
      return Config.autoConfigure(context);
    }
    return Config.fromKubeconfig(context, new File(c.kubeconfig()));
  }

  /** A sync for one registry and cluster of this instance's log. */
  SourceSync sync(String registry, String cluster) {
    return new SourceSync(registry, cluster, config.topics(), view, publisher, admin, clock, merge);
  }

  /** Base URL of the HTTP API, e.g. {@code http://127.0.0.1:15080}. */
  public String url(String host) {
    return "http://" + host + ":" + server.port();
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        log.warn("error while stopping a registry", e);
      }
    }
    merge.close();
    view.close();
    publisher.close();
    admin.close();
  }
}
