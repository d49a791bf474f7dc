package io.meshlog.schemas;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshlog.events.Workload;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload event's state written back as a WorkloadEntry {@code spec} (keys sorted, unset fields left out),
 * the shape `meshlog get`, history diffs and replay all show.
 */
public final class WorkloadDocuments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WorkloadDocuments() {}

  public static ObjectNode spec(Workload w) {
    ObjectNode spec = NODES.objectNode();
    spec.put("address", w.getAddress());
    if (!w.getPorts().isEmpty()) {
      ObjectNode ports = spec.putObject("ports");
      new TreeMap<>(w.getPorts()).forEach(ports::put);
    }
    putSorted(spec, "labels", w.getLabels());
    putIfSet(spec, "network", w.getNetwork());
    putIfSet(spec, "locality", w.getLocality());
    if (w.getWeight() > 0) {
      spec.put("weight", w.getWeight());
    }
    putIfSet(spec, "serviceAccount", w.getServiceAccount());
    return spec;
  }

  private static void putSorted(ObjectNode node, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      ObjectNode out = node.putObject(field);
      new TreeMap<>(values).forEach(out::put);
    }
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }
}
