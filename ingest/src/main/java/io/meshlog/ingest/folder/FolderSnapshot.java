package io.meshlog.ingest.folder;

import io.meshlog.ingest.Rejection;
import io.meshlog.ingest.SourceConfig;
import io.meshlog.ingest.SourceSnapshot;
import io.meshlog.ingest.SourceWorkload;
import io.meshlog.ingest.Workloads;
import io.meshlog.mesh.Workload;
import io.meshlog.mesh.istio.IstioAdapter;
import io.meshlog.mesh.istio.IstioObject;
import io.meshlog.mesh.istio.IstioYaml;
import io.meshlog.mesh.istio.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The objects of a folder of Istio YAML (pure): file path to content in, registry objects out, each stamped with
 * its file ({@code file:<path>}) as origin. A file that fails to parse or validate is rejected as a whole and
 * its origin held, so the objects it last produced stay as they were until it is fixed or removed. An object
 * defined in two files is taken from the first by path; the other file's copy is rejected.
 */
public final class FolderSnapshot {
  static final String WORKLOAD_ENTRY = "WorkloadEntry";

  private FolderSnapshot() {}

  public static String origin(String path) {
    return "file:" + path;
  }

  public static SourceSnapshot build(Map<String, String> files, String defaultNamespace) {
    List<SourceConfig> configs = new ArrayList<>();
    List<SourceWorkload> workloads = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    Set<String> held = new HashSet<>();
    Map<String, String> definedIn = new HashMap<>();
    for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
      String path = file.getKey();
      List<IstioObject> objects;
      List<Workload> models = new ArrayList<>();
      try {
        objects = IstioYaml.parse(file.getValue(), path, defaultNamespace);
        for (IstioObject o : objects) {
          models.add(WORKLOAD_ENTRY.equals(o.kind()) ? (Workload) IstioAdapter.toModel(o, "file", "") : null);
        }
      } catch (ValidationException e) {
        rejections.add(new Rejection("File", "", path, e.getMessage(), origin(path)));
        held.add(origin(path));
        continue;
      }
      for (int i = 0; i < objects.size(); i++) {
        IstioObject o = objects.get(i);
        String id = o.kind() + "/" + o.namespace() + "/" + o.name();
        String first = definedIn.putIfAbsent(id, path);
        if (first != null) {
          rejections.add(new Rejection("File", "", path, o.ref() + " is already defined in " + first, origin(path)));
          continue;
        }
        if (WORKLOAD_ENTRY.equals(o.kind())) {
          workloads.add(new SourceWorkload(o.apiVersion(), o.kind(), o.namespace(), o.name(),
              Workloads.of(models.get(i).endpoint()), origin(path)));
        } else {
          configs.add(new SourceConfig(o.apiVersion(), o.kind(), o.namespace(), o.name(), o.labels(), o.specJson(),
              origin(path), null));
        }
      }
    }
    return new SourceSnapshot(configs, workloads, rejections, held);
  }
}
