package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshlog.mesh.MeshObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incremental compilation is an optimization only: after any sequence of upserts and deletes, the output
 * equals compiling the surviving objects from scratch, and the deltas replayed in order rebuild the output.
 */
class IncrementalPropertyTest {
  private static final int STEPS = 400;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void incrementalEqualsFromScratch(long seed) {
    Random random = new Random(seed);
    RandomMesh mesh = new RandomMesh(random);
    MeshCompiler incremental = new MeshCompiler();
    TreeMap<String, MeshObject> live = new TreeMap<>();
    TreeMap<ResourceKey, CompiledResource> replica = new TreeMap<>();
    boolean sawScope = false;
    boolean sawLabelVariant = false;
    boolean sawNamespaceVariant = false;
    boolean sawGatewayVariant = false;

    for (int step = 0; step < STEPS; step++) {
      CompileDelta delta;
      if (!live.isEmpty() && random.nextInt(4) == 0) {
        List<String> keys = new ArrayList<>(live.keySet());
        String key = keys.get(random.nextInt(keys.size()));
        live.remove(key);
        delta = incremental.delete(key);
      } else {
        MeshObject object = mesh.next();
        live.put(object.key(), object);
        delta = incremental.upsert(object);
      }
      String where = "seed " + seed + " step " + step;
      apply(delta, replica, where);
      SortedMap<ResourceKey, CompiledResource> actual = incremental.resources();
      assertEquals(replica, actual, "deltas replayed != output at " + where);
      assertSame(fromScratch(live.values()), actual, where);
      sawScope |= actual.keySet().stream().anyMatch(k -> k.proxyClass().startsWith("grpc@"));
      sawLabelVariant |= actual.keySet().stream().anyMatch(k -> k.proxyClass().startsWith("grpc@*/*#"));
      // Namespace c has no Sidecar: its proxies get c/*, or the root default's copy for c when there is one.
      sawNamespaceVariant |= actual.keySet().stream()
          .anyMatch(k -> k.proxyClass().equals("grpc@c/*") || k.proxyClass().endsWith("~c"));
      // A gateway class's variant for a named namespace (routers there see what is exported to it).
      sawGatewayVariant |= actual.keySet().stream()
          .anyMatch(k -> k.proxyClass().startsWith("gateway@") && k.proxyClass().contains("%"));
    }
    org.junit.jupiter.api.Assertions.assertTrue(sawScope, "the random mesh exercised Sidecar scopes");
    assertTrue(sawLabelVariant, "the random mesh exercised sourceLabels variants");
    assertTrue(sawNamespaceVariant, "the random mesh exercised a named namespace without a Sidecar");
    assertTrue(sawGatewayVariant, "the random mesh exercised gateway classes' namespace variants");
  }

  /** The Streams shell compiles bursts of events with one applyAll: same output, deltas still exact. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void batchesEqualOneByOne(long seed) {
    Random random = new Random(seed);
    RandomMesh mesh = new RandomMesh(random);
    MeshCompiler batched = new MeshCompiler();
    MeshCompiler oneByOne = new MeshCompiler();
    TreeMap<String, MeshObject> live = new TreeMap<>();
    TreeMap<ResourceKey, CompiledResource> replica = new TreeMap<>();
    for (int step = 0; step < STEPS / 10; step++) {
      List<MeshChange> batch = new ArrayList<>();
      for (int i = random.nextInt(30); i >= 0; i--) {
        if (!live.isEmpty() && random.nextInt(4) == 0) {
          List<String> keys = new ArrayList<>(live.keySet());
          String key = keys.get(random.nextInt(keys.size()));
          live.remove(key);
          batch.add(new MeshChange.Delete(key));
          oneByOne.delete(key);
        } else {
          MeshObject object = mesh.next();
          live.put(object.key(), object);
          batch.add(new MeshChange.Upsert(object));
          oneByOne.upsert(object);
        }
      }
      String where = "seed " + seed + " batch " + step + " of " + batch.size();
      apply(batched.applyAll(batch), replica, where);
      assertEquals(replica, batched.resources(), "deltas replayed != output at " + where);
      assertSame(oneByOne.resources(), batched.resources(), where);
    }
  }

  private static SortedMap<ResourceKey, CompiledResource> fromScratch(Iterable<MeshObject> objects) {
    MeshCompiler fresh = new MeshCompiler();
    objects.forEach(fresh::upsert);
    return fresh.resources();
  }

  /** Applies a delta, checking it lists only real changes, in key order. */
  private static void apply(CompileDelta delta, TreeMap<ResourceKey, CompiledResource> replica, String where) {
    ResourceKey previous = null;
    for (CompiledResource r : delta.upserts()) {
      assertTrue(previous == null || previous.compareTo(r.key()) < 0, "upserts out of order at " + where);
      previous = r.key();
      assertNotEquals(replica.get(r.key()), r, "unchanged resource in delta at " + where);
      replica.put(r.key(), r);
    }
    for (ResourceKey key : delta.removals()) {
      assertTrue(replica.containsKey(key), "removal of an absent resource at " + where);
      replica.remove(key);
    }
  }

  private static void assertSame(
      SortedMap<ResourceKey, CompiledResource> expected, SortedMap<ResourceKey, CompiledResource> actual, String where) {
    assertEquals(expected.keySet(), actual.keySet(), "resource names differ at " + where);
    expected.forEach((key, r) -> assertEquals(r, actual.get(key), "resource " + key + " differs at " + where));
  }
}
