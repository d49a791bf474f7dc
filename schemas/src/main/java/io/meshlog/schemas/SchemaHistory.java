package io.meshlog.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The schema versions meshlog has released, kept as resources {@code avro-history/<Record>/v<N>.avsc}.
 * Decoders register all of them; a test holds each new version compatible with the ones before.
 */
public final class SchemaHistory {
  private SchemaHistory() {}

  public static List<Schema> versions(String recordName) {
    List<Schema> out = new ArrayList<>();
    for (int v = 1; ; v++) {
      String path = "/avro-history/" + recordName + "/v" + v + ".avsc";
      try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
        if (in == null) {
          return out;
        }
        out.add(new Schema.Parser().parse(AvroSerde.read(in)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
