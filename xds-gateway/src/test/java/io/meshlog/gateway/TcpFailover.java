package io.meshlog.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder standing in for the L4 load balancer (or Kubernetes Service) in front of several
 * gateways: each accepted connection goes to the first backend port that accepts a connection, and is closed
 * when either side closes. The client's single server_uri points here: grpc-xds's own multi-server fallback
 * (gRFC A71) is specified for a primary that cannot be reached while resources are missing from its cache,
 * not for moving an established client to another server, which is what a deployment of N gateways needs.
 */
final class TcpFailover implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Integer> backends = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  TcpFailover(List<Integer> backendPorts) {
    backends.addAll(backendPorts);
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon("failover-accept", this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  void addBackend(int port) {
    backends.add(port);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket backend = connectFirst();
        if (backend == null) {
          client.close(); // no gateway up: the client backs off and retries
          continue;
        }
        sockets.add(client);
        sockets.add(backend);
        daemon("failover-up", () -> pump(client, backend));
        daemon("failover-down", () -> pump(backend, client));
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private Socket connectFirst() {
    for (int port : backends) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return s;
      } catch (IOException refused) {
        closeQuietly(s);
      }
    }
    return null;
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // either side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(Socket s) {
    sockets.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    sockets.forEach(this::closeQuietly);
  }
}
