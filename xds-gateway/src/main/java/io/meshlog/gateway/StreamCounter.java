package io.meshlog.gateway;

import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts open xDS streams and logs their lifecycle. */
final class StreamCounter implements DiscoveryServerCallbacks {
  private static final Logger log = LoggerFactory.getLogger(StreamCounter.class);

  private final Set<Long> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong opened = new AtomicLong();

  int open() {
    return open.size();
  }

  /** Streams opened since start (tests tell a kept stream from a reconnect). */
  long opened() {
    return opened.get();
  }

  @Override
  public void onStreamOpen(long streamId, String typeUrl) {
    open.add(streamId);
    opened.incrementAndGet();
    log.debug("xds stream opened id={} type={}", streamId, typeUrl);
  }

  @Override
  public void onStreamClose(long streamId, String typeUrl) {
    open.remove(streamId);
    log.debug("xds stream closed id={}", streamId);
  }

  @Override
  public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
    open.remove(streamId);
    log.debug("xds stream closed id={} error={}", streamId, error.toString());
  }

  @Override
  public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
    // Requests are handled by MeshConfigWatcher.
  }

  @Override
  public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
    // Requests are handled by MeshConfigWatcher.
  }
}
