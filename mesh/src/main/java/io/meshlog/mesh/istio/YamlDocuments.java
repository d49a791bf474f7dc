package io.meshlog.mesh.istio;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a YAML stream into documents, each a generic tree. The tree is built token by token rather than with
 * {@code readValues}, which would unwrap a top-level list and read an alias as its anchor's name.
 */
final class YamlDocuments {
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private YamlDocuments() {}

  /**
   * @param documents one entry per document in stream order; null for an empty document
   * @param syntaxError null when the whole stream parsed
   */
  record Result(List<JsonNode> documents, SyntaxError syntaxError) {}

  /** @param document 1-based number of the document that failed */
  record SyntaxError(int document, String message) {}

  static Result read(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser p = FACTORY.createParser(yaml)) {
      while (p.nextToken() != null) {
        JsonNode doc = value(p);
        boolean empty = doc.isNull() || (doc.isTextual() && doc.textValue().isEmpty());
        docs.add(empty ? null : doc);
      }
      return new Result(docs, null);
    } catch (JsonProcessingException e) {
      return new Result(docs, new SyntaxError(docs.size() + 1, describe(e)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode value(YAMLParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          o.set(key, value(p));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(value(p));
        }
        return a;
      }
      case VALUE_STRING -> {
        if (p.isCurrentAlias()) {
          throw new Unsupported(p, "YAML aliases (*" + p.getText() + ") are not supported");
        }
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return NODES.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new Unsupported(p, "unsupported YAML value (" + t + ")");
    }
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      String context = m.getContext() == null ? "" : " (" + m.getContext() + at(m.getContextMark()) + ")";
      return "malformed YAML" + at(m.getProblemMark()) + ": " + m.getProblem() + context;
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return "malformed YAML" + where + ": " + e.getOriginalMessage().replace('\n', ' ');
  }

  private static String at(Mark mark) {
    return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  /** A construct that parses as YAML but has no meaning in an Istio object. */
  private static final class Unsupported extends JsonProcessingException {
    Unsupported(JsonParser p, String message) {
      super(message, p.currentLocation());
    }
  }
}
