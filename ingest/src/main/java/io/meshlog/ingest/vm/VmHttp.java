package io.meshlog.ingest.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.meshlog.events.WorkloadEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * VM registration over HTTP, on ingest's server:
 *
 * <ul>
 *   <li>{@code POST /v1/vms/register}: JSON {@code {name, namespace, address, labels, ports, serviceAccount,
 *       network, locality, weight}}; 200, or 400 with every problem (also recorded as a rejected change).
 *   <li>{@code POST /v1/vms/heartbeat} and {@code /v1/vms/deregister}: JSON {@code {namespace, name}}; 404 when
 *       the VM is not registered (a heartbeat then means: register again).
 *   <li>{@code GET /v1/vms}: the registered VMs as the log holds them, with their health.
 * </ul>
 */
public final class VmHttp implements HttpHandler {
  private final VmSource vms;
  private final ObjectMapper json;

  public VmHttp(VmSource vms, ObjectMapper json) {
    this.vms = vms;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      boolean post = "POST".equals(ex.getRequestMethod());
      if (path.equals("/v1/vms") && "GET".equals(ex.getRequestMethod())) {
        send(ex, 200, list());
      } else if (post && path.equals("/v1/vms/register")) {
        register(ex);
      } else if (post && (path.equals("/v1/vms/heartbeat") || path.equals("/v1/vms/deregister"))) {
        JsonNode body = json.readTree(ex.getRequestBody());
        String ns = body.path("namespace").asText("default");
        String name = body.path("name").asText("");
        boolean known = path.endsWith("heartbeat") ? vms.heartbeat(ns, name) : vms.deregister(ns, name);
        send(ex, known ? 200 : 404, json.createObjectNode().put("status", known ? "ok" : "not registered"));
      } else {
        send(ex, 404, json.createObjectNode().put("error", "unknown endpoint " + ex.getRequestMethod() + " " + path));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(ex, 503, json.createObjectNode().put("error", "interrupted"));
    } catch (IOException | RuntimeException e) {
      send(ex, 400, json.createObjectNode().put("error", String.valueOf(e.getMessage())));
    }
  }

  private void register(HttpExchange ex) throws IOException, InterruptedException {
    VmRegistration r = json.readValue(ex.getRequestBody(), VmRegistration.class);
    List<String> problems = vms.register(r);
    if (problems.isEmpty()) {
      send(ex, 200, json.createObjectNode().put("status", "registered"));
      return;
    }
    ObjectNode body = json.createObjectNode();
    ArrayNode errors = body.putArray("errors");
    problems.forEach(errors::add);
    send(ex, 400, body);
  }

  private ObjectNode list() {
    ObjectNode body = json.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (WorkloadEvent e : vms.sync().currentWorkloads()) {
      var w = e.getWorkload();
      items.addObject().put("namespace", e.getId().getNamespace()).put("name", e.getId().getName())
          .put("address", w.getAddress()).put("health", w.getHealth().name())
          .set("labels", json.valueToTree(Map.copyOf(w.getLabels())));
    }
    return body;
  }

  private void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
