package io.meshlog.gateway;

import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.meshlog.events.GatewayState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private final MeshConfigWatcher watcher;
  private final StreamCounter streams = new StreamCounter();
  private final HealthStatusManager health = new HealthStatusManager();
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
    this.watcher = new MeshConfigWatcher(snapshots, proxies != null ? proxies : ProxyListener.NONE);
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
    if (config.staticResources().isPresent()) {
      feed = config.staticResources().get().source(snapshots);
      log.info("serving static resources: {}", config.staticResources().get().description());
    } else {
      status = new StatusPublisher(config);
      status.publish(GatewayState.CATCHING_UP, config.host() + ":" + config.port(), Map.of(), Map.of(), 0);
      feed = new ResourceFeed(config, snapshots);
    }
    endOffsetsAtStart = feed.catchUp();
    server = bind();
    health.setStatus("", ServingStatus.SERVING);
    if (status != null) {
      status.publish(GatewayState.READY, xdsAddress(), endOffsetsAtStart, feed.appliedOffsets(), 0);
    }
    feed.startFollowing();
    log.info("xds gateway ready gatewayId={} address={} classes={}",
        config.gatewayId(), xdsAddress(), snapshots.classes());
  }

  private Server bind() {
    V3DiscoveryServer discovery = new V3DiscoveryServer(List.of(streams), watcher);
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
        .addService(ServerInterceptors.intercept(
            discovery.getAggregatedDiscoveryServiceImpl(), XdsStreams.interceptor()))
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

  public int connectedStreams() {
    return streams.open();
  }

  /** Stops serving (streams are cancelled; proxies reconnect elsewhere), stops the feed, publishes STOPPED. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
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
    if (feed != null) {
      feed.close();
    }
    if (proxies != null) {
      proxies.close();
    }
    if (status != null) {
      try {
        Map<String, Long> applied = feed != null ? feed.appliedOffsets() : Map.of();
        status.publish(GatewayState.STOPPED, address, endOffsetsAtStart, applied, 0);
      } catch (RuntimeException e) {
        log.warn("cannot publish STOPPED gatewayId={}: {}", config.gatewayId(), e.getMessage());
      }
      status.close();
    }
    log.info("xds gateway stopped gatewayId={}", config.gatewayId());
  }
}
