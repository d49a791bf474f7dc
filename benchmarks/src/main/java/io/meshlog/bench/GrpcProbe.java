package io.meshlog.bench;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.StatusRuntimeException;
import io.grpc.internal.JsonParser;
import io.grpc.xds.XdsNameResolverProvider;
import io.meshlog.app.Bootstraps;
import io.meshlog.app.Echo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real grpc-java xDS client (proxyless gRPC) calling the probe service. Each probe registers a name-resolver
 * scheme of its own with its own bootstrap, so one JVM can point clients at meshlog and at the baseline
 * (grpc-java otherwise reads one bootstrap per JVM).
 */
final class GrpcProbe implements AutoCloseable {
  private static final AtomicInteger SCHEMES = new AtomicInteger();
  private final ManagedChannel channel;
  private final Channel withHeader;

  @SuppressWarnings("unchecked")
  GrpcProbe(String xdsAddress, String target) {
    String scheme = "xds-bench" + SCHEMES.incrementAndGet();
    try {
      Map<String, ?> bootstrap = (Map<String, ?>) JsonParser.parse(Bootstraps.grpc(xdsAddress, scheme + "-client"));
      NameResolverRegistry.getDefaultRegistry().register(XdsNameResolverProvider.createForTest(scheme, bootstrap));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = Grpc.newChannelBuilder(scheme + ":///" + target, InsecureChannelCredentials.create()).build();
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of(MeshGen.HEADER, Metadata.ASCII_STRING_MARSHALLER), "probe");
    withHeader = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** Calls until the answer comes from {@code server}; returns the nanoTime of that first answer. */
  long awaitServer(String server, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastError = "";
    while (true) {
      String who;
      try {
        who = Echo.who(withHeader);
      } catch (StatusRuntimeException e) {
        who = "error";
        lastError = e.getStatus().toString();
        pause();
      }
      long now = System.nanoTime();
      if (server.equals(who)) {
        return now;
      }
      if (now > deadline) {
        throw new IllegalStateException("the gRPC client still reaches " + who + ", not " + server
            + (lastError.isEmpty() ? "" : " (last error: " + lastError + ")"));
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
