package io.meshlog.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The gateway's admin HTTP server: {@code /metrics} (Prometheus), {@code /ready} (200 only when READY and
 * accepting streams, else 503), {@code /debug/syncz} (every connected proxy's sync status, JSON) and
 * {@code /debug/config_dump?proxy=ID} (what that proxy was last sent). Bound before catch-up, so /ready and
 * the lag metric can be watched while a gateway catches up. Plain HTTP: bind it to a private address.
 */
final class AdminServer implements AutoCloseable {
  /** What the endpoints read. */
  interface Source {
    boolean ready();

    String metrics();

    String syncz();

    /** Null when the node has no stream on this gateway. */
    String configDump(String nodeId);
  }

  private final HttpServer server;

  AdminServer(String host, int port, Source source) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind admin server on " + host + ":" + port, e);
    }
    server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4", source::metrics));
    server.createContext("/ready", ex -> {
      boolean ready = source.ready();
      send(ex, ready ? 200 : 503, "text/plain", () -> ready ? "READY\n" : "NOT READY\n");
    });
    server.createContext("/debug/syncz", ex -> send(ex, 200, "application/json", source::syncz));
    server.createContext("/debug/config_dump", ex -> {
      String proxy = query(ex, "proxy");
      String dump = proxy == null ? null : source.configDump(proxy);
      if (dump == null) {
        send(ex, 404, "text/plain", () -> proxy == null ? "missing ?proxy=NODE_ID\n"
            : "no proxy " + proxy + " connected to this gateway\n");
      } else {
        send(ex, 200, "application/json", () -> dump);
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "meshlog-gateway-admin");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static String query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void send(HttpExchange ex, int status, String contentType, Supplier<String> body) throws IOException {
    try (ex) {
      byte[] bytes;
      try {
        bytes = body.get().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        status = 500;
        bytes = ("error: " + e + "\n").getBytes(StandardCharsets.UTF_8);
      }
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
