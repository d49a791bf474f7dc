package io.meshlog.history;

import io.meshlog.compiler.core.CompiledResource;
import io.meshlog.compiler.core.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/** What differs between two states of the mesh: objects, and (for one proxy class) compiled xDS resources. */
public final class StateDiff {
  private StateDiff() {}

  /** One object added, removed or changed, with its field changes. */
  public record ObjectChange(String change, String object, List<FieldChange> fields) {}

  /** One xDS resource added, removed or changed (its bytes differ). */
  public record ResourceChange(String change, ResourceKey key) {
    @Override
    public String toString() {
      String type = key.typeUrl().substring(key.typeUrl().lastIndexOf('.') + 1);
      return change + " " + type + " " + key.name();
    }
  }

  public static List<ObjectChange> objects(MeshState from, MeshState to) {
    TreeSet<String> keys = new TreeSet<>(from.objects().keySet());
    keys.addAll(to.objects().keySet());
    List<ObjectChange> out = new ArrayList<>();
    for (String k : keys) {
      LogEvent a = from.objects().get(k);
      LogEvent b = to.objects().get(k);
      if (a == null) {
        out.add(new ObjectChange("added", b.displayName(), List.of()));
      } else if (b == null) {
        out.add(new ObjectChange("removed", a.displayName(), List.of()));
      } else {
        List<FieldChange> fields = SpecDiff.diff(Documents.content(a), Documents.content(b));
        if (!fields.isEmpty() || !a.apiVersion().equals(b.apiVersion())) {
          out.add(new ObjectChange("changed", b.displayName(), fields));
        }
      }
    }
    return out;
  }

  public static List<ResourceChange> resources(SortedMap<ResourceKey, CompiledResource> from,
      SortedMap<ResourceKey, CompiledResource> to) {
    TreeSet<ResourceKey> keys = new TreeSet<>(from.keySet());
    keys.addAll(to.keySet());
    List<ResourceChange> out = new ArrayList<>();
    for (ResourceKey k : keys) {
      CompiledResource a = from.get(k);
      CompiledResource b = to.get(k);
      if (a == null) {
        out.add(new ResourceChange("added", k));
      } else if (b == null) {
        out.add(new ResourceChange("removed", k));
      } else if (!a.equals(b)) {
        out.add(new ResourceChange("changed", k));
      }
    }
    return out;
  }

  public static String text(List<ObjectChange> objects, List<ResourceChange> resources, Map<String, String> heading) {
    StringBuilder out = new StringBuilder();
    heading.forEach((k, v) -> out.append("# ").append(k).append(": ").append(v).append('\n'));
    out.append("objects:").append(objects.isEmpty() ? " no change\n" : "\n");
    for (ObjectChange c : objects) {
      out.append("  ").append(c.change()).append(' ').append(c.object()).append('\n');
      for (FieldChange f : c.fields()) {
        out.append("      ").append(f).append('\n');
      }
    }
    if (resources != null) {
      out.append("resources:").append(resources.isEmpty() ? " no change\n" : "\n");
      for (ResourceChange r : resources) {
        out.append("  ").append(r).append('\n');
      }
    }
    return out.toString();
  }
}
