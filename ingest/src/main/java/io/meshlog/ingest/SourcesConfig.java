package io.meshlog.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registries one ingest instance syncs, as written in {@code meshlog.yaml}: Kubernetes clusters, folders
 * of YAML, VM registration. Relative paths are resolved against the file's directory; durations are written
 * {@code 500ms}, {@code 2s}, {@code 5m}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SourcesConfig(List<Cluster> clusters, List<Folder> folders, Vms vms) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  public SourcesConfig {
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    folders = folders == null ? List.of() : List.copyOf(folders);
  }

  public static SourcesConfig none() {
    return new SourcesConfig(List.of(), List.of(), null);
  }

  public boolean isEmpty() {
    return clusters.isEmpty() && folders.isEmpty() && vms == null;
  }

  /**
   * A Kubernetes cluster.
   *
   * @param id the cluster ID on every event (registry {@code kubernetes})
   * @param kubeconfig path of the kubeconfig file; empty means the usual lookup ({@code $KUBECONFIG},
   *     {@code ~/.kube/config}, in-cluster)
   * @param context the kubeconfig context; empty means its current context
   * @param network the mesh network of the cluster's pods (a pod's {@code topology.istio.io/network} label wins)
   * @param region first part of the endpoints' locality, {@code region/zone}; default: the cluster ID
   */
  public record Cluster(String id, String kubeconfig, String context, String network, String region) {}

  /**
   * A folder of Istio YAML, polled.
   *
   * @param name the cluster ID on its events (registry {@code file}); default: the folder's name
   * @param namespace for documents without one; default {@code default}
   * @param pollInterval default {@code 2s}
   */
  public record Folder(String path, String name, String namespace, String pollInterval) {
    public Duration poll() {
      return duration(pollInterval, Duration.ofSeconds(2));
    }
  }

  /**
   * VM registration on ingest's HTTP API (registry {@code vm}).
   *
   * @param unhealthyAfter silence after which a VM is UNHEALTHY (out of EDS); default {@code 30s}
   * @param deleteAfter silence after which it is removed; default {@code 5m}
   * @param checkInterval how often heartbeats are checked; default {@code 1s}
   */
  public record Vms(String unhealthyAfter, String deleteAfter, String checkInterval) {
    public Duration unhealthy() {
      return duration(unhealthyAfter, Duration.ofSeconds(30));
    }

    public Duration delete() {
      return duration(deleteAfter, Duration.ofMinutes(5));
    }

    public Duration check() {
      return duration(checkInterval, Duration.ofSeconds(1));
    }
  }

  public static SourcesConfig read(Path file) throws IOException {
    SourcesConfig raw = YAML.readValue(Files.readString(file), SourcesConfig.class);
    Path base = file.toAbsolutePath().getParent();
    List<Cluster> clusters = raw.clusters().stream().map(c -> {
      if (c.id() == null || c.id().isBlank()) {
        throw new IllegalArgumentException(file + ": every cluster needs an id");
      }
      return new Cluster(c.id(), resolve(base, c.kubeconfig()), c.context(), c.network(), c.region());
    }).toList();
    List<Folder> folders = raw.folders().stream().map(f -> {
      if (f.path() == null || f.path().isBlank()) {
        throw new IllegalArgumentException(file + ": every folder needs a path");
      }
      return new Folder(resolve(base, f.path()), f.name(), f.namespace(), f.pollInterval());
    }).toList();
    return new SourcesConfig(clusters, folders, raw.vms());
  }

  private static String resolve(Path base, String path) {
    if (path == null || path.isBlank()) {
      return path;
    }
    if (path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), path.substring(2)).toString();
    }
    return base.resolve(path).normalize().toString();
  }

  static Duration duration(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("bad duration \"" + text + "\": write e.g. 500ms, 2s, 5m, 1h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
