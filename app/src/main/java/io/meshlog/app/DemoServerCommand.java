package io.meshlog.app;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-server", mixinStandardHelpOptions = true,
    description = "Run a demo gRPC backend that answers with its name (for the README walk-through).")
final class DemoServerCommand implements Callable<Integer> {
  @Option(names = "--name", required = true, description = "Name to answer with, e.g. v1")
  String name;

  @Option(names = "--port", required = true, description = "Port on 127.0.0.1 (or --host)")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in containers)")
  String host;

  @Override
  public Integer call() throws Exception {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), InsecureServerCredentials.create())
        .addService(Echo.service(name)).build().start();
    System.out.println("demo backend " + name + " serving on " + host + ":" + server.getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    server.awaitTermination();
    return 0;
  }
}
