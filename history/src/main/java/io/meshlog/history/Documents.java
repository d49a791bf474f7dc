package io.meshlog.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.Workload;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.schemas.WorkloadDocuments;
import java.util.TreeMap;

/**
 * An object's content as a JSON document ({@code metadata.labels}, {@code spec}, and for workloads
 * {@code status.health}): what field diffs compare and what replay prints, in the shape a user writes.
 */
public final class Documents {
  static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Documents() {}

  /** The content that matters for "did it change": labels and spec (null for a delete). */
  public static ObjectNode content(LogEvent e) {
    if (e.isDelete()) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode();
    if (e.event() instanceof ConfigEvent c) {
      if (!c.getLabels().isEmpty()) {
        out.putObject("metadata").set("labels", JSON.valueToTree(new TreeMap<>(c.getLabels())));
      }
      out.set("spec", parse(c.getSpec(), e));
      return out;
    }
    Workload w = ((WorkloadEvent) e.event()).getWorkload();
    out.set("spec", WorkloadDocuments.spec(w));
    out.putObject("status").put("health", w.getHealth().name());
    return out;
  }

  /** The whole object as a user would write it, with meshlog's audit annotations. */
  public static ObjectNode render(LogEvent e) {
    ObjectNode out = JSON.createObjectNode();
    out.put("apiVersion", e.apiVersion());
    out.put("kind", e.id().getKind());
    ObjectNode meta = out.putObject("metadata");
    meta.put("name", e.id().getName());
    meta.put("namespace", e.id().getNamespace());
    ObjectNode content = content(e);
    JsonNode labels = content.path("metadata").path("labels");
    if (!labels.isMissingNode()) {
      meta.set("labels", labels);
    }
    ObjectNode annotations = meta.putObject("annotations");
    annotations.put("meshlog.io/applied-by", e.appliedBy());
    annotations.put("meshlog.io/updated", e.time().toString());
    annotations.put("meshlog.io/source", e.source());
    out.set("spec", content.get("spec"));
    if (content.has("status")) {
      out.set("status", content.get("status"));
    }
    return out;
  }

  private static JsonNode parse(String json, LogEvent e) {
    try {
      return JSON.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("spec of " + e.displayName() + " at offset " + e.offset() + " is not JSON", ex);
    }
  }
}
