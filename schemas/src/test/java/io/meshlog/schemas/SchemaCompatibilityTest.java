package io.meshlog.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.GatewayStatus;
import io.meshlog.events.ProxyConnection;
import io.meshlog.events.ProxyStatus;
import io.meshlog.events.RejectedChange;
import io.meshlog.events.WorkloadEvent;
import io.meshlog.events.XdsResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every record schema to Avro's compatibility rules against the versions released before it, so the
 * history written today stays readable. After an intended, compatible change, record the new version with
 * {@code mvn -pl schemas test -Dmeshlog.schemas.snapshot=true} and commit it.
 */
class SchemaCompatibilityTest {
  private static final Path HISTORY = Path.of("src/main/resources/avro-history");

  static Stream<Schema> schemas() {
    return Stream.of(
        ConfigEvent.getClassSchema(),
        WorkloadEvent.getClassSchema(),
        XdsResource.getClassSchema(),
        GatewayStatus.getClassSchema(),
        ProxyConnection.getClassSchema(),
        ProxyStatus.getClassSchema(),
        RejectedChange.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("schemas")
  void currentSchemaIsRecordedAndCompatibleWithEveryEarlierVersion(Schema current) throws IOException {
    List<Schema> history = SchemaHistory.versions(current.getName());
    if (Boolean.getBoolean("meshlog.schemas.snapshot")
        && (history.isEmpty() || !history.get(history.size() - 1).equals(current))) {
      Path file = HISTORY.resolve(current.getName()).resolve("v" + (history.size() + 1) + ".avsc");
      Files.createDirectories(file.getParent());
      Files.writeString(file, current.toString(true) + "\n");
      history = Stream.concat(history.stream(), Stream.of(current)).toList();
    }
    assertFalse(history.isEmpty(), current.getName() + " has no released version under " + HISTORY);
    assertEquals(history.get(history.size() - 1), current,
        current.getName() + " changed since its last released version: if the change is intended, record it "
            + "with -Dmeshlog.schemas.snapshot=true");
    for (Schema old : history) {
      assertCompatible(current, old, "new readers must read records written with");
      assertCompatible(old, current, "readers of");
    }
  }

  private static void assertCompatible(Schema reader, Schema writer, String what) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
        () -> writer.getName() + ": " + what + " an earlier version: " + result.getResult().getIncompatibilities());
  }
}
