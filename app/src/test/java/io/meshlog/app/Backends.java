package io.meshlog.app;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Real local gRPC servers standing in for a service's workloads, each answering with its name. */
final class Backends implements AutoCloseable {
  private final List<Server> servers = new ArrayList<>();

  int start(String name) throws IOException {
    Server s = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(Echo.service(name)).build().start();
    servers.add(s);
    return s.getPort();
  }

  @Override
  public void close() {
    servers.forEach(Server::shutdownNow);
  }
}
