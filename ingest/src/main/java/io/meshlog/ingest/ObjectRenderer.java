package io.meshlog.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Origin;
import io.meshlog.events.Workload;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.schemas.WorkloadDocuments;
import java.util.Map;
import java.util.TreeMap;

/** Renders the current state of an object back as the Istio resource a user would write. */
final class ObjectRenderer {
  private final ObjectMapper json;

  ObjectRenderer(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode render(ConfigEvent e) {
    ObjectNode out = header(e.getApiVersion(), e.getId(), e.getLabels(), e.getOrigin());
    try {
      out.set("spec", json.readTree(e.getSpec()));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("stored spec of " + e.getId() + " is not JSON", ex);
    }
    return out;
  }

  ObjectNode render(WorkloadEvent e) {
    Workload w = e.getWorkload();
    ObjectNode out = header(e.getApiVersion(), e.getId(), Map.of(), e.getOrigin());
    out.set("spec", WorkloadDocuments.spec(w));
    out.putObject("status").put("health", w.getHealth().name());
    return out;
  }

  private ObjectNode header(String apiVersion, ObjectId id, Map<String, String> labels, Origin origin) {
    ObjectNode out = json.createObjectNode();
    out.put("apiVersion", apiVersion);
    out.put("kind", id.getKind());
    ObjectNode meta = out.putObject("metadata");
    meta.put("name", id.getName());
    meta.put("namespace", id.getNamespace());
    if (!labels.isEmpty()) {
      meta.set("labels", json.valueToTree(new TreeMap<>(labels)));
    }
    ObjectNode annotations = meta.putObject("annotations");
    annotations.put("meshlog.io/applied-by", origin.getAppliedBy());
    annotations.put("meshlog.io/updated", origin.getEventTime().toString());
    annotations.put("meshlog.io/source", id.getRegistry() + (id.getCluster().isEmpty() ? "" : "/" + id.getCluster()));
    return out;
  }
}
