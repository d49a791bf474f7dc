package io.meshlog.app;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Real local gRPC servers standing in for a service's workloads, each answering with its name. */
final class Backends implements AutoCloseable {
  private final List<Server> servers = new ArrayList<>();

  int start(String name) throws IOException {
    // Loopback only, on a port picked now.
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
        .addService(Echo.service(name)).build().start();
    servers.add(s);
    return s.getPort();
  }

  @Override
  public void close() {
    servers.forEach(Server::shutdownNow);
  }
}
