package io.meshlog.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every change of the log, oldest first, each with its field diff against the object's previous version. */
public final class History {
  private History() {}

  public static List<HistoryEntry> entries(EventLog log, HistoryQuery query) {
    Map<String, ObjectNode> previous = new HashMap<>();
    List<HistoryEntry> out = new ArrayList<>();
    long configEnd = 0;
    long workloadEnd = 0;
    int number = 0;
    for (LogEvent e : log.events()) {
      number++;
      if (e.stream() == EventStream.CONFIG) {
        configEnd = Math.max(configEnd, e.offset() + 1);
      } else {
        workloadEnd = Math.max(workloadEnd, e.offset() + 1);
      }
      ObjectNode now = Documents.content(e);
      ObjectNode before = previous.get(e.objectKey());
      if (now == null) {
        previous.remove(e.objectKey());
      } else {
        previous.put(e.objectKey(), now);
      }
      if (query.matches(e)) {
        String op = now == null ? "DELETE" : before == null ? "CREATE" : "UPDATE";
        ObjectNode empty = Documents.JSON.createObjectNode();
        out.add(new HistoryEntry(number, new LogPoint(configEnd, workloadEnd), e, op,
            SpecDiff.diff(before == null ? empty : before, now == null ? empty : now)));
      }
    }
    return out;
  }

  public static String table(List<HistoryEntry> entries) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-5s %-24s %-16s %-7s %-36s %-10s %s%n",
        "#", "TIME", "POINT", "OP", "OBJECT", "SOURCE", "APPLIED BY"));
    for (HistoryEntry h : entries) {
      LogEvent e = h.event();
      out.append(String.format("%-5s %-24s %-16s %-7s %-36s %-10s %s%n", "@" + h.number(), e.time(), h.after(),
          h.operation(), e.displayName(), e.source(), e.appliedBy()));
      if (!e.isDelete()) {
        for (FieldChange c : h.changes()) {
          out.append("      ").append(c).append('\n');
        }
      }
    }
    return out.toString();
  }

  public static ArrayNode json(List<HistoryEntry> entries) {
    ArrayNode out = Documents.JSON.createArrayNode();
    for (HistoryEntry h : entries) {
      LogEvent e = h.event();
      ObjectNode n = out.addObject();
      n.put("number", h.number());
      n.put("time", e.time().toString());
      n.put("point", h.after().toString());
      n.put("stream", e.stream().name().toLowerCase());
      n.put("offset", e.offset());
      n.put("operation", h.operation());
      n.put("kind", e.id().getKind());
      n.put("namespace", e.id().getNamespace());
      n.put("name", e.id().getName());
      n.put("registry", e.id().getRegistry());
      n.put("cluster", e.id().getCluster());
      n.put("appliedBy", e.appliedBy());
      ArrayNode changes = n.putArray("changes");
      for (FieldChange c : h.changes()) {
        ObjectNode cn = changes.addObject();
        cn.put("path", c.path());
        cn.put("before", c.before());
        cn.put("after", c.after());
      }
    }
    return out;
  }
}
