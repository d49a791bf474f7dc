package io.meshlog.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.events.XdsResource;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
  private static XdsResource rec(String name, String batch, int index, int size) {
    return TestRecords.upsert("grpc", XdsTypes.CLUSTER, name, EnvoyResources.edsCluster(name), batch, index, size);
  }

  @Test
  void batchIsReleasedOnlyWhenAllIndexesArePresentInIndexOrder() {
    BatchAssembler a = new BatchAssembler();
    assertTrue(a.add(rec("c2", "b1", 2, 3), 0).isEmpty());
    assertTrue(a.add(rec("c0", "b1", 0, 3), 0).isEmpty());
    List<XdsResource> done = a.add(rec("c1", "b1", 1, 3), 0).orElseThrow();
    assertEquals(List.of("c0", "c1", "c2"), done.stream().map(XdsResource::getName).toList());
    assertEquals(0, a.pendingBatches());
  }

  @Test
  void singleRecordBatchesPassStraightThrough() {
    assertEquals(1, new BatchAssembler().add(rec("c", "b", 0, 1), 0).orElseThrow().size());
  }

  @Test
  void incompleteBatchExpiresAfterMaxAge() {
    BatchAssembler a = new BatchAssembler();
    a.add(rec("c0", "b1", 0, 2), 1_000);
    assertTrue(a.expire(1_500, 1_000).isEmpty());
    List<BatchAssembler.Expired> expired = a.expire(2_001, 1_000);
    assertEquals(1, expired.size());
    assertEquals(1, expired.get(0).missing());
    assertEquals(0, a.pendingBatches());
  }

  @Test
  void batchStraddlingCatchUpCompletesWithOnlyTheRest() {
    BatchAssembler a = new BatchAssembler();
    a.add(rec("c0", "b1", 0, 2), 0);
    a.forgetHeldRecords(0); // c0 was applied in bulk at the end of catch-up
    List<XdsResource> rest = a.add(rec("c1", "b1", 1, 2), 0).orElseThrow();
    assertEquals(List.of("c1"), rest.stream().map(XdsResource::getName).toList());
  }
}
