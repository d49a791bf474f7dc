package io.meshlog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.events.ConfigEvent;
import io.meshlog.events.ObjectId;
import io.meshlog.events.Operation;
import io.meshlog.events.Origin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which registry's copy of an object is in force, and who publishes it. */
class ConfigMergeTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String KEY = "VirtualService/demo/reviews";

  static ConfigEvent copy(String registry, String cluster, String hash) {
    return ConfigEvent.newBuilder().setId(new ObjectId(registry, cluster, "VirtualService", "demo", "reviews"))
        .setOperation(Operation.UPSERT).setApiVersion("networking.istio.io/v1").setSpec("{\"h\":\"" + hash + "\"}")
        .setSpecHash(hash).setOrigin(new Origin(registry + "/" + cluster, T, null)).build();
  }

  static Predicate<ObjectId> mine(String... sources) {
    Set<String> set = Set.of(sources);
    return id -> set.contains(id.getRegistry() + "/" + id.getCluster());
  }

  static ConfigMerge.Result merge(List<ConfigEvent> copies, ConfigEvent current, Predicate<ObjectId> mine,
      ConfigMerge.Deletes deletes) {
    return ConfigMerge.merge(copies.isEmpty() ? Map.of() : Map.of(KEY, copies),
        current == null ? Map.of() : Map.of(KEY, current), mine, "api", deletes, T);
  }

  @Test
  void theFirstSourceWinsOnlyItsOwnerPublishesAndTheOtherCopyIsAConflict() {
    ConfigEvent git = copy("file", "gitops", "x");
    ConfigEvent cluster = copy("kubernetes", "a", "y");
    ConfigMerge.Result byFolder = merge(List.of(cluster, git), null, mine("file/gitops"), ConfigMerge.Deletes.PUBLISH);
    assertEquals(List.of("file"), byFolder.events().stream().map(e -> e.event().getId().getRegistry()).toList());
    assertEquals(List.of(), byFolder.conflicts(), "the winner's owner reports no conflict of its own");
    ConfigMerge.Result byCluster = merge(List.of(cluster, git), git, mine("kubernetes/a"), ConfigMerge.Deletes.PUBLISH);
    assertEquals(List.of(), byCluster.events(), "the cluster's instance never overwrites the folder's copy");
    assertEquals(1, byCluster.conflicts().size());
    assertTrue(byCluster.conflicts().get(0).reason().contains("file/gitops (file/gitops)"),
        byCluster.conflicts().get(0).reason());
    assertEquals(List.of(), merge(List.of(cluster, copy("kubernetes", "b", "y")), cluster, mine("kubernetes/a",
        "kubernetes/b"), ConfigMerge.Deletes.PUBLISH).conflicts(), "identical copies are one object");
  }

  @Test
  void theLastCopyGoneDeletesUnlessASourceIsStillStartingAndApplyOverridesRegistries() {
    ConfigEvent cluster = copy("kubernetes", "a", "y");
    assertEquals(List.of(Operation.DELETE), merge(List.of(), cluster, mine("kubernetes/a"), ConfigMerge.Deletes.PUBLISH)
        .events().stream().map(e -> e.event().getOperation()).toList());
    assertEquals(List.of(), merge(List.of(), cluster, mine("kubernetes/a"), ConfigMerge.Deletes.WAIT).events());
    assertEquals(List.of(), merge(List.of(), cluster, mine("kubernetes/b"), ConfigMerge.Deletes.PUBLISH).events(),
        "another instance's object is not ours to delete");
    ConfigEvent applied = copy("api", "", "z");
    ConfigMerge.Result r = merge(List.of(cluster), applied, mine("kubernetes/a"), ConfigMerge.Deletes.PUBLISH);
    assertEquals(List.of(), r.events());
    assertEquals(List.of(cluster), r.conflicts().stream().map(ConfigMerge.Conflict::loser).toList());
  }
}
