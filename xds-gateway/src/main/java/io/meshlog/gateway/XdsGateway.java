package io.meshlog.gateway;

import io.envoyproxy.controlplane.server.DefaultExecutorGroup;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.meshlog.events.GatewayState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless ADS server (state of the world and delta) for the compiled resources on the resource topic.
 *
 * <p>{@link #start()} catches up with the topic <em>before</em> binding the xDS port, so a proxy can never
 * connect to a gateway that knows an older mesh than the log at its start; then it publishes READY and
 * follows the topic. Usage: {@code try (XdsGateway g = XdsGateway.start(config)) { ... g.port() ... }}.
 */
public final class XdsGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(XdsGateway.class);

  private final GatewayConfig config;
  private final ClassSnapshots snapshots = new ClassSnapshots();
  private final OpenStreams openStreams = new OpenStreams();
  private final MeshConfigWatcher watcher;
  private final StreamCounter streams = new StreamCounter();
  private final HealthStatusManager health = new HealthStatusManager();
  private final GatewayMetrics metrics;
  private final SyncTracker sync;
  private final ProxyStatusPublisher proxyStatus;
  private final ScheduledExecutorService lagCheck;
  private final PackedResourcesSerializer serializer = new PackedResourcesSerializer();
  private ExecutorService serverExecutor;
  private volatile AdminServer admin; // read by tests while start() still catches up
  private volatile boolean ready;
  private volatile boolean accepting;
  private ResourceSource feed;
  private StatusPublisher status;
  private ProxyConnectionPublisher proxies;
  private Server server;
  private Map<String, Long> endOffsetsAtStart = Map.of();
  private boolean closed;

  public XdsGateway(GatewayConfig config) {
    this.config = config;
    // A gateway serving a frozen mesh writes nothing, not even who connected.
    this.proxies = config.staticResources().isPresent() ? null : new ProxyConnectionPublisher(config);
    this.proxyStatus = config.staticResources().isPresent() ? null : new ProxyStatusPublisher(config);
    this.metrics = new GatewayMetrics(config.gatewayId());
    this.sync = new SyncTracker(metrics, proxyStatus != null ? proxyStatus::changed : node -> {});
    this.watcher = new MeshConfigWatcher(snapshots, proxies != null ? proxies : ProxyListener.NONE, sync,
        config.streamLimits());
    snapshots.addDirectoryListener(openStreams::reclassify);
    this.lagCheck = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "meshlog-lag-" + config.gatewayId());
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates and starts a gateway; returns once it serves xDS and has published READY. */
  public static XdsGateway start(GatewayConfig config) {
    XdsGateway gateway = new XdsGateway(config);
    try {
      gateway.start();
      return gateway;
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  /** Publishes CATCHING_UP, catches up, binds the xDS server, publishes READY, then follows the topic. */
  public synchronized void start() {
    if (server != null || closed) {
      throw new IllegalStateException("gateway already started or closed");
    }
    startAdmin();
    if (config.staticResources().isPresent()) {
      feed = config.staticResources().get().source(snapshots);
      log.info("serving static resources: {}", config.staticResources().get().description());
    } else {
      status = new StatusPublisher(config);
      status.publish(GatewayState.CATCHING_UP, config.host() + ":" + config.port(), adminAddress(), Map.of(), Map.of(), 0);
      feed = new ResourceFeed(config, snapshots);
    }
    endOffsetsAtStart = feed.catchUp();
    server = bind();
    accepting = true;
    ready = true;
    health.setStatus("", ServingStatus.SERVING);
    if (status != null) {
      status.publish(GatewayState.READY, xdsAddress(), adminAddress(), endOffsetsAtStart, feed.appliedOffsets(), 0);
    }
    if (proxyStatus != null) {
      proxyStatus.start(sync::view);
    }
    feed.startFollowing();
    lagCheck.scheduleWithFixedDelay(this::checkLag, 500, 500, TimeUnit.MILLISECONDS);
    lagCheck.scheduleWithFixedDelay(watcher::expireFirstResponses, 500, 500, TimeUnit.MILLISECONDS);
    log.info("xds gateway ready gatewayId={} address={} classes={}",
        config.gatewayId(), xdsAddress(), snapshots.classes());
  }

  private void startAdmin() {
    if (config.adminPort() < 0) {
      return;
    }
    metrics.gauge("meshlog.xds.connected.streams", "open ADS streams", streams::open);
    metrics.gauge("meshlog.xds.connected.proxies", "distinct node ids with an open stream", sync::nodes);
    metrics.gauge("meshlog.gateway.lag.records", "records behind the resource topic's end offsets",
        () -> feed == null ? 0 : feed.lag());
    metrics.gauge("meshlog.gateway.ready", "1 when READY and accepting new streams", () -> accepting ? 1 : 0);
    admin = new AdminServer(config.host(), config.adminPort(), new AdminServer.Source() {
      @Override
      public boolean ready() {
        return accepting;
      }

      @Override
      public String metrics() {
        return metrics.scrape();
      }

      @Override
      public String syncz() {
        return DebugJson.syncz(sync.views(), config.gatewayId());
      }

      @Override
      public String configDump(String nodeId) {
        SyncTracker.NodeView v = sync.view(nodeId);
        return v == null ? null : DebugJson.configDump(v, sync.resources(nodeId));
      }
    });
  }

  /** Stops accepting new streams while more than maxServingLag records behind; open ones keep being served. */
  private void checkLag() {
    boolean within = feed.lag() <= config.maxServingLag();
    if (within != accepting) {
      accepting = within;
      health.setStatus("", within ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
      log.warn("gateway {} new streams gatewayId={} lag={} maxServingLag={}",
          within ? "accepts" : "refuses", config.gatewayId(), feed.lag(), config.maxServingLag());
    }
  }

  private ServerCredentials credentials() {
    if (config.tls().isEmpty()) {
      return InsecureServerCredentials.create();
    }
    GatewayTls tls = config.tls().get();
    try {
      return TlsServerCredentials.newBuilder()
          .keyManager(tls.certChain().toFile(), tls.privateKey().toFile())
          .trustManager(tls.clientCa().toFile())
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TLS files " + tls, e);
    }
  }

  private Server bind() {
    // The server's own default executor is an unbounded cached pool: callbacks blocked on the watcher's lock
    // each took a thread (measured: 5,937 threads for 10,000 streams). A fixed pool bounds that; grpc-java still
    // runs each call's callbacks in order.
    AtomicInteger threadNumber = new AtomicInteger();
    serverExecutor = Executors.newFixedThreadPool(config.streamLimits().serverThreads(), r -> {
      Thread t = new Thread(r, "meshlog-xds-" + config.gatewayId() + "-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    V3DiscoveryServer discovery =
        new V3DiscoveryServer(List.of(streams), watcher, new DefaultExecutorGroup(), serializer);
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()), credentials())
        .executor(serverExecutor)
        .addService(ServerInterceptors.intercept(discovery.getAggregatedDiscoveryServiceImpl(),
            XdsStreams.interceptor(() -> accepting, watcher::streamClosed, openStreams)))
        .addService(health.getHealthService())
        .build();
    try {
      return s.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind xDS server on " + config.host() + ":" + config.port(), e);
    }
  }

  /** The bound xDS port (the picked one when the config said 0). */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("gateway not started");
    }
    return server.getPort();
  }

  public String xdsAddress() {
    return config.host() + ":" + port();
  }

  /** host:port of the admin HTTP server (/metrics, /ready, /debug/syncz, /debug/config_dump), or null. */
  public String adminAddress() {
    return admin == null ? null : config.host() + ":" + admin.port();
  }

  /** READY: caught up and serving (it may still refuse new streams while lagging, see {@link #accepting()}). */
  public boolean ready() {
    return ready;
  }

  /** Whether new xDS streams are accepted now (READY and within maxServingLag). */
  public boolean accepting() {
    return accepting;
  }

  /** Records behind the resource topic's end, as last measured. */
  public long lag() {
    return feed == null ? 0 : feed.lag();
  }

  /** What this gateway sent a node and what it ACKed/NACKed, or null when it has no stream here. */
  SyncTracker.NodeView proxyView(String nodeId) {
    return sync.view(nodeId);
  }

  /** The Prometheus text exposition of this gateway's metrics. */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  public GatewayConfig config() {
    return config;
  }

  /** Current per-class snapshots (read-only use). */
  public ClassSnapshots snapshots() {
    return snapshots;
  }

  /** Responses, per-resource sends and NACKs counted by the watcher. */
  public WatcherStats stats() {
    return watcher.stats();
  }

  /** The first-response bound of {@link StreamLimits}: places taken now and at most, watches that waited. */
  FirstResponseGate.Stats firstResponses() {
    return watcher.firstResponses();
  }

  /** State-of-the-world answers built, and responses that went out as a shared packed list. */
  SharingStats sharing() {
    return new SharingStats(watcher.answersBuilt(), serializer.sharedLists(), serializer.packedOnSend());
  }

  /** How much of what was sent was shared: answers built, responses sent from them, resources packed per send. */
  record SharingStats(long answersBuilt, long sharedResponses, long packedOnSend) {}

  public int connectedStreams() {
    return streams.open();
  }

  /** ADS streams accepted since start. */
  public long streamsOpened() {
    return streams.opened();
  }

  /** Stops serving (streams are cancelled; proxies reconnect elsewhere), stops the feed, publishes STOPPED. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ready = false;
    accepting = false;
    lagCheck.shutdownNow();
    String address = server != null ? xdsAddress() : config.host() + ":" + config.port();
    health.enterTerminalState();
    if (server != null) {
      server.shutdownNow(); // ADS streams never end by themselves: cancel them so proxies reconnect
      try {
        server.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (serverExecutor != null) {
      serverExecutor.shutdownNow();
    }
    if (feed != null) {
      feed.close();
    }
    if (proxies != null) {
      proxies.close();
    }
    if (proxyStatus != null) {
      proxyStatus.close(sync.views().stream().map(SyncTracker.NodeView::nodeId).toList());
    }
    if (admin != null) {
      admin.close();
    }
    if (status != null) {
      try {
        Map<String, Long> applied = feed != null ? feed.appliedOffsets() : Map.of();
        status.publish(GatewayState.STOPPED, address, adminAddress(), endOffsetsAtStart, applied, 0);
      } catch (RuntimeException e) {
        log.warn("cannot publish STOPPED gatewayId={}: {}", config.gatewayId(), e.getMessage());
      }
      status.close();
    }
    log.info("xds gateway stopped gatewayId={}", config.gatewayId());
  }
}
