package io.meshlog.bench;

import io.meshlog.mesh.istio.IstioObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Applies objects through ingest's HTTP API, as `meshlog apply` does; returns when ingest has answered. */
final class IngestHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI apply;

  IngestHttp(String ingestUrl) {
    apply = URI.create(ingestUrl + "/v1/apply?appliedBy=bench&source=bench.yaml");
  }

  void apply(List<IstioObject> objects) {
    HttpRequest request = HttpRequest.newBuilder(apply)
        .POST(HttpRequest.BodyPublishers.ofString(MeshGen.yaml(objects))).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("apply failed with " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("apply failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
