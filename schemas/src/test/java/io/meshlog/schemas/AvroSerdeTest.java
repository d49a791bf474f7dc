package io.meshlog.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  static ConfigEvent event() {
    return ConfigEvent.newBuilder()
        .setId(new ObjectId("api", "", "VirtualService", "demo", "echo"))
        .setOperation(Operation.UPSERT)
        .setApiVersion("networking.istio.io/v1")
        .setLabels(Map.of("team", "a"))
        .setSpec("{\"hosts\":[\"echo\"]}")
        .setSpecHash("abc")
        .setOrigin(new Origin("alice", java.time.Instant.ofEpochMilli(1_700_000_000_000L), null))
        .build();
  }

  @Test
  void roundTripsThroughSingleObjectEncoding() {
    byte[] bytes = Serdes.CONFIG_EVENT.serializer().serialize("t", event());
    assertEquals(event(), Serdes.CONFIG_EVENT.deserializer().deserialize("t", bytes));
  }

  @Test
  void rejectsBytesThatAreNotAMeshlogRecordWithAClearError() {
    var e = assertThrows(SerializationException.class,
        () -> Serdes.CONFIG_EVENT.fromBytes(new byte[] {1, 2, 3, 4}));
    assertEquals(true, e.getMessage().startsWith("cannot decode Avro record"));
  }

  @Test
  void keysNameTheObject() {
    assertEquals("VirtualService/demo/echo", Keys.config(event().getId()));
    assertEquals("api//demo/echo", Keys.workload(event().getId()));
  }
}
