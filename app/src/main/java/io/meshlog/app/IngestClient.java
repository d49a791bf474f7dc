package io.meshlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Talks to ingest's HTTP API for the CLI. */
final class IngestClient {
  private final String baseUrl;
  private final Optional<String> token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  IngestClient(String baseUrl) {
    this(baseUrl, Optional.empty());
  }

  /** With a token, every request carries {@code Authorization: Bearer <token>}. */
  IngestClient(String baseUrl, Optional<String> token) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
  }

  record Reply(int status, JsonNode body) {}

  Reply post(String path, Map<String, String> query, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path, query)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Reply get(String path, Map<String, String> query) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path, query)).GET());
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 401) {
        throw new IOException("meshlog ingest at " + baseUrl + " refused the request: "
            + (token.isEmpty() ? "it needs a token (set --token-file or MESHLOG_TOKEN)" : "wrong token"));
      }
      return new Reply(r.statusCode(), json.readTree(r.body()));
    } catch (ConnectException e) {
      throw new IOException("cannot reach meshlog ingest at " + baseUrl
          + " (is `meshlog up` running? set --server or MESHLOG_SERVER)", e);
    }
  }

  private URI uri(String path, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&");
    query.forEach((k, v) -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + q));
  }
}
