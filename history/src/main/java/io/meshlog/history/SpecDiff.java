package io.meshlog.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-level differences between two JSON documents, leaf by leaf, with paths as a user writes them
 * ({@code spec.http[0].route[1].weight}). Objects are compared key by key (sorted), arrays index by index; a
 * field present on one side only is one change with the whole value (so a new route is one line, not ten).
 */
public final class SpecDiff {
  private SpecDiff() {}

  public static List<FieldChange> diff(JsonNode before, JsonNode after) {
    List<FieldChange> out = new ArrayList<>();
    walk("", orMissing(before), orMissing(after), out);
    return out;
  }

  private static void walk(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        walk(path.isEmpty() ? n : path + "." + n, a.path(n), b.path(n), out);
      }
      return;
    }
    if (a.isArray() && b.isArray()) {
      Iterator<JsonNode> ia = a.elements();
      Iterator<JsonNode> ib = b.elements();
      for (int i = 0; ia.hasNext() || ib.hasNext(); i++) {
        walk(path + "[" + i + "]", ia.hasNext() ? ia.next() : MissingNode.getInstance(),
            ib.hasNext() ? ib.next() : MissingNode.getInstance(), out);
      }
      return;
    }
    out.add(new FieldChange(path, text(a), text(b)));
  }

  private static JsonNode orMissing(JsonNode n) {
    return n == null ? MissingNode.getInstance() : n;
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() ? null : n.toString();
  }
}
