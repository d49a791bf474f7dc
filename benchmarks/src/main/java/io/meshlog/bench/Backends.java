package io.meshlog.bench;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.meshlog.app.Echo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** The probe's two real backends, answering "v1" and "v2". */
final class Backends implements AutoCloseable {
  private final Server v1 = start("v1");
  private final Server v2 = start("v2");

  private static Server start(String name) {
    try {
      return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(Echo.service(name))
          .build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int v1Port() {
    return v1.getPort();
  }

  int v2Port() {
    return v2.getPort();
  }

  @Override
  public void close() {
    v1.shutdownNow();
    v2.shutdownNow();
  }
}
