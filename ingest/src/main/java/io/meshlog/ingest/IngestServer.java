package io.meshlog.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meshlog.mesh.istio.FieldError;
import io.meshlog.mesh.istio.ValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest HTTP API, used by {@code meshlog apply/delete/get}:
 *
 * <ul>
 *   <li>{@code POST /v1/apply} and {@code POST /v1/delete}: body is multi-document YAML; query {@code source},
 *       {@code namespace}, {@code appliedBy}, {@code dryRun=true}. 200 with the outcome per object, or 400 with
 *       every validation error (object, field, message) and nothing published.
 *   <li>{@code GET /v1/objects?kind=K&namespace=NS}: current objects as Istio resources.
 *   <li>{@code GET /healthz} (never needs the token).
 * </ul>
 */
final class IngestServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngestServer.class);

  private final HttpServer server;
  private final ApplyService apply;
  private final StateView view;
  private final ObjectRenderer renderer;
  private final ObjectMapper json;
  private final BearerAuth auth;

  IngestServer(String host, int port, ApplyService apply, StateView view, ObjectMapper json, Optional<String> token)
      throws IOException {
    this.auth = new BearerAuth(token, json);
    this.apply = apply;
    this.view = view;
    this.json = json;
    this.renderer = new ObjectRenderer(json);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    auth.guard(server.createContext("/v1/apply", ex -> handleChange(ex, ApplyRequest.Action.APPLY)));
    auth.guard(server.createContext("/v1/delete", ex -> handleChange(ex, ApplyRequest.Action.DELETE)));
    auth.guard(server.createContext("/v1/objects", this::handleGet));
    server.createContext("/healthz", ex -> send(ex, 200, json.createObjectNode().put("status", "ok")));
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "ingest-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** Serves another API (VM registration, rejections) on the same server. */
  void route(String path, com.sun.net.httpserver.HttpHandler handler) {
    auth.guard(server.createContext(path, handler));
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handleChange(HttpExchange ex, ApplyRequest.Action action) throws IOException {
    try {
      if (!"POST".equals(ex.getRequestMethod())) {
        send(ex, 405, error("use POST"));
        return;
      }
      Map<String, String> q = query(ex);
      String yaml = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ApplyRequest.Mode mode = "true".equals(q.get("dryRun")) ? ApplyRequest.Mode.DRY_RUN : ApplyRequest.Mode.PUBLISH;
      ApplyRequest request = new ApplyRequest(yaml, q.getOrDefault("source", "<request>"),
          q.getOrDefault("namespace", "default"), q.getOrDefault("appliedBy", "anonymous"), action, mode);
      List<ObjectOutcome> outcomes = apply.handle(request);
      ObjectNode body = json.createObjectNode();
      ArrayNode list = body.putArray("outcomes");
      for (ObjectOutcome o : outcomes) {
        list.addObject().put("kind", o.kind()).put("namespace", o.namespace()).put("name", o.name())
            .put("result", o.result().name()).put("message", o.describe(mode));
      }
      send(ex, 200, body);
    } catch (ValidationException e) {
      ObjectNode body = json.createObjectNode();
      ArrayNode list = body.putArray("errors");
      for (FieldError fe : e.errors()) {
        list.addObject().put("object", fe.object()).put("field", fe.field()).put("message", fe.message());
      }
      send(ex, 400, body);
    } catch (Exception e) {
      log.error("request failed", e);
      send(ex, 500, error(String.valueOf(e.getMessage())));
    }
  }

  private void handleGet(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex);
    String kind = q.get("kind");
    String namespace = q.get("namespace");
    ObjectNode body = json.createObjectNode();
    ArrayNode items = body.putArray("items");
    view.configs().stream()
        .filter(e -> kind == null || kind.equals(e.getId().getKind()))
        .filter(e -> namespace == null || namespace.equals(e.getId().getNamespace()))
        .forEach(e -> items.add(renderer.render(e)));
    view.workloads().stream()
        .filter(e -> kind == null || kind.equals(e.getId().getKind()))
        .filter(e -> namespace == null || namespace.equals(e.getId().getNamespace()))
        .forEach(e -> items.add(renderer.render(e)));
    send(ex, 200, body);
  }

  private ObjectNode error(String message) {
    return json.createObjectNode().put("error", message);
  }

  private void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
