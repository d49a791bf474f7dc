package io.meshlog.app;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For one end-to-end test class: the whole stack on an embedded broker, scripted gRPC backends, and grpc-java's
 * xDS bootstrap pointed at the stack's gateway as node {@code client}. Channels made here are shut down with it.
 * grpc-java reads its bootstrap once per JVM; surefire runs each test class in a JVM of its own.
 */
final class GrpcMeshStack implements BeforeAllCallback, AfterAllCallback {
  private final String client;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private Path dir;
  private Stack stack;
  private ScriptedBackends backends;

  GrpcMeshStack(String client) {
    this.client = client;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("meshlog-e2e");
    stack = Stack.start(StackConfig.ephemeral(dir.resolve("data")));
    backends = new ScriptedBackends();
    System.setProperty("io.grpc.xds.bootstrapConfig", Bootstraps.grpc(stack.endpoints().xdsAddress(), client));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    channels.forEach(ManagedChannel::shutdownNow);
    if (backends != null) {
      backends.close();
    }
    if (stack != null) {
      stack.close();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  Stack stack() {
    return stack;
  }

  ScriptedBackends backends() {
    return backends;
  }

  /** {@code meshlog apply} of this YAML against the stack's ingest; it must succeed. */
  void apply(String yaml) throws IOException {
    CliRun.apply(dir, stack.endpoints().ingestUrl(), yaml);
  }

  /** Replaces the bootstrap set up for node {@code client}; only before the first xDS channel is made. */
  void bootstrap(String json) {
    System.setProperty("io.grpc.xds.bootstrapConfig", json);
  }

  /** A grpc-java channel to {@code xds:///target}, shut down with the stack. */
  ManagedChannel xdsChannel(String target) {
    return xdsChannel(target, InsecureChannelCredentials.create());
  }

  /** As {@link #xdsChannel(String)} with these credentials ({@code XdsChannelCredentials} for xDS-configured TLS). */
  ManagedChannel xdsChannel(String target, ChannelCredentials credentials) {
    ManagedChannel ch = Grpc.newChannelBuilder("xds:///" + target, credentials).build();
    channels.add(ch);
    return ch;
  }
}
