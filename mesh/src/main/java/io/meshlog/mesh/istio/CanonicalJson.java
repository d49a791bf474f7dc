package io.meshlog.mesh.istio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON of a tree, so the same object always has the same bytes (and specHash): object keys sorted
 * (by UTF-16 code units, as RFC 8785), no whitespace, members whose value is null dropped (Kubernetes treats
 * them as unset), numbers by value: 80, 80.0 and 8e1 are all written {@code 80}, 0.50 as {@code 0.5}.
 */
final class CanonicalJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** Beyond this many digits a number is written in scientific notation rather than expanded. */
  private static final int MAX_PLAIN_DIGITS = 400;

  private CanonicalJson() {}

  static String write(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(node, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonNode node, JsonGenerator g) throws IOException {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      fields.sort(Map.Entry.comparingByKey());
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> f : fields) {
        if (!f.getValue().isNull()) {
          g.writeFieldName(f.getKey());
          write(f.getValue(), g);
        }
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        write(element, g);
      }
      g.writeEndArray();
    } else if (node.isNumber()) {
      g.writeNumber(number(node));
    } else if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isBoolean()) {
      g.writeBoolean(node.booleanValue());
    } else if (node.isNull()) {
      g.writeNull();
    } else {
      throw new IllegalArgumentException("unsupported value type " + node.getNodeType());
    }
  }

  static String number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    BigDecimal d = node.decimalValue().stripTrailingZeros();
    if (Math.abs(d.scale()) > MAX_PLAIN_DIGITS) {
      return d.toString();
    }
    return d.scale() <= 0 ? d.toBigIntegerExact().toString() : d.toPlainString();
  }
}
