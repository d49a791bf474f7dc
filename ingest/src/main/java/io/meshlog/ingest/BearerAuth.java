package io.meshlog.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Requires {@code Authorization: Bearer <token>} on an HTTP context when a token is configured; answers 401
 * with a JSON error otherwise. No token: the context stays open (local development on loopback).
 */
final class BearerAuth {
  private final Optional<byte[]> expected;
  private final ObjectMapper json;

  BearerAuth(Optional<String> token, ObjectMapper json) {
    this.expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    this.json = json;
  }

  void guard(HttpContext context) {
    if (expected.isEmpty()) {
      return;
    }
    context.getFilters().add(new Filter() {
      @Override
      public void doFilter(HttpExchange ex, Chain chain) throws IOException {
        if (allowed(ex.getRequestHeaders().getFirst("Authorization"))) {
          chain.doFilter(ex);
        } else {
          refuse(ex);
        }
      }

      @Override
      public String description() {
        return "bearer token";
      }
    });
  }

  private boolean allowed(String header) {
    // Constant-time comparison: the time taken does not tell how much of a guess was right.
    return header != null && MessageDigest.isEqual(expected.get(), header.getBytes(StandardCharsets.UTF_8));
  }

  private void refuse(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      byte[] body = json.writeValueAsBytes(json.createObjectNode()
          .put("error", "missing or wrong bearer token (send Authorization: Bearer <token>)"));
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      ex.sendResponseHeaders(401, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
