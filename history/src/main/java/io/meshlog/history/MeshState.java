package io.meshlog.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.MeshCompiler;
import io.meshlog.compiler.core.ResourceKey;
import io.meshlog.mesh.MeshObject;
import io.meshlog.mesh.istio.ValidationException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The mesh at one point of the log: the latest event of every object that exists there, by object key. Built
 * from the events alone by {@link #at}.
 */
public final class MeshState {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final LogPoint point;
  private final SortedMap<String, LogEvent> objects;

  private MeshState(LogPoint point, SortedMap<String, LogEvent> objects) {
    this.point = point;
    this.objects = Collections.unmodifiableSortedMap(objects);
  }

  /** Folds every event the point includes: an upsert sets the object, a delete removes it. */
  public static MeshState at(EventLog log, LogPoint point) {
    SortedMap<String, LogEvent> objects = new TreeMap<>();
    for (LogEvent e : log.upTo(point)) {
      if (e.isDelete()) {
        objects.remove(e.objectKey());
      } else {
        objects.put(e.objectKey(), e);
      }
    }
    return new MeshState(point, objects);
  }

  public LogPoint point() {
    return point;
  }

  public SortedMap<String, LogEvent> objects() {
    return objects;
  }

  /** The result of compiling this state from scratch with the pure compile core. */
  public Compiled compile() {
    List<MeshObject> model = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (LogEvent e : objects.values()) {
      try {
        model.add(EventModels.toModel(e));
      } catch (ValidationException ex) {
        // The compiler skips such an object too (a newer core may be stricter than the ingest that took it).
        skipped.add(e.displayName() + ": " + ex.getMessage());
      }
    }
    MeshCompiler compiler = new MeshCompiler();
    compiler.upsertAll(model);
    return new Compiled(compiler.resources(), skipped);
  }

  /** Compiled resources, and the objects left out because they no longer validate. */
  public record Compiled(SortedMap<ResourceKey, CompiledResource> resources, List<String> skipped) {
    public SortedMap<ResourceKey, CompiledResource> ofClass(String proxyClass) {
      SortedMap<ResourceKey, CompiledResource> out = new TreeMap<>();
      resources.forEach((k, v) -> {
        if (k.proxyClass().equals(proxyClass)) {
          out.put(k, v);
        }
      });
      return out;
    }
  }

  /** Every object as multi-document YAML, in key order. */
  public String yaml() {
    StringBuilder out = new StringBuilder();
    for (LogEvent e : objects.values()) {
      try {
        out.append(out.length() > 0 ? "---\n" : "").append(YAML.writeValueAsString(Documents.render(e)));
      } catch (JsonProcessingException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return out.toString();
  }
}
