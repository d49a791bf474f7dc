package io.meshlog.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

  /**
   * Reads and checks the file; every problem is an {@link IllegalArgumentException} naming the file and the
   * field, e.g. {@code meshlog.yaml: clusters[1].contxt: unknown field (known: context, id, ...)}.
   */
  public static SourcesConfig read(Path file) throws IOException {
    SourcesConfig raw;
    try {
      JsonNode tree = YAML.readTree(Files.readString(file));
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return none(); // empty, or only comments
      }
      raw = YAML.treeToValue(tree, SourcesConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(file + ": " + path(e) + ": unknown field (known: "
          + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")", e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(file + ": " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not YAML: " + e.getOriginalMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    List<Cluster> clusters = new ArrayList<>();
    for (int i = 0; i < raw.clusters().size(); i++) {
      Cluster c = raw.clusters().get(i);
      if (c.id() == null || c.id().isBlank()) {
        throw new IllegalArgumentException(file + ": clusters[" + i + "].id: required (the cluster ID on its events)");
      }
      clusters.add(new Cluster(c.id(), resolve(base, c.kubeconfig()), c.context(), c.network(), c.region()));
    }
    List<Folder> folders = new ArrayList<>();
    for (int i = 0; i < raw.folders().size(); i++) {
      Folder f = raw.folders().get(i);
      if (f.path() == null || f.path().isBlank()) {
        throw new IllegalArgumentException(file + ": folders[" + i + "].path: required");
      }
      check(file, "folders[" + i + "].pollInterval", f::poll);
      folders.add(new Folder(resolve(base, f.path()), f.name(), f.namespace(), f.pollInterval()));
    }
    Vms vms = raw.vms();
    if (vms != null) {
      check(file, "vms.unhealthyAfter", vms::unhealthy);
      check(file, "vms.deleteAfter", vms::delete);
      check(file, "vms.checkInterval", vms::check);
    }
    return new SourcesConfig(clusters, folders, vms);
  }

  private static void check(Path file, String field, Supplier<Duration> duration) {
    try {
      duration.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + field + ": " + e.getMessage(), e);
    }
  }

  /** Jackson's path as the file spells it: {@code clusters[1].context}. */
  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "(top level)" : b.toString();
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
