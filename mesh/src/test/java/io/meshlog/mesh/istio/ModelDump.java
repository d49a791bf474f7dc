package io.meshlog.mesh.istio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.meshlog.mesh.MeshObject;
import java.util.List;

/** YAML dump of parsed objects and their models (or of the errors), for golden files. */
final class ModelDump {
  /**
   * Maps are sorted by key: the model holds {@code Map.copyOf} maps, whose iteration order changes from one
   * JVM run to the next.
   */
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .build())
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** One parsed document: its identity and canonical spec, then the model it converts to. */
  record Entry(IstioObject istio, String modelType, MeshObject model) {}

  record Rejected(List<FieldError> errors) {}

  private ModelDump() {}

  static String of(List<IstioObject> objects, String registry, String cluster) throws ValidationException {
    List<Entry> entries = new java.util.ArrayList<>();
    for (IstioObject o : objects) {
      MeshObject model = IstioAdapter.toModel(o, registry, cluster);
      entries.add(new Entry(o, model.getClass().getSimpleName(), model));
    }
    return write(entries);
  }

  static String of(ValidationException e) {
    return write(new Rejected(e.errors()));
  }

  private static String write(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
