package io.meshlog.compiler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.meshlog.mesh.MeshObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Same objects in, in any order, one at a time or at once: byte-identical resources out. */
class DeterminismTest {
  static List<String> cases() throws IOException {
    return GoldenCases.names();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void orderOfUpsertsDoesNotMatter(String name) throws IOException {
    List<MeshObject> objects = GoldenCases.objects(name);
    SortedMap<ResourceKey, CompiledResource> expected = compileOneByOne(objects);
    assertFalse(expected.isEmpty());

    assertEquals(expected, compileOneByOne(objects), "same input twice");
    List<MeshObject> reversed = new ArrayList<>(objects);
    Collections.reverse(reversed);
    assertEquals(expected, compileOneByOne(reversed), "reversed");
    Random random = new Random(42);
    for (int i = 0; i < 10; i++) {
      List<MeshObject> shuffled = new ArrayList<>(objects);
      Collections.shuffle(shuffled, random);
      assertEquals(expected, compileOneByOne(shuffled), "shuffled #" + i);
    }
    MeshCompiler batch = new MeshCompiler();
    batch.upsertAll(objects);
    assertEquals(expected, batch.resources(), "upsertAll");
  }

  private static SortedMap<ResourceKey, CompiledResource> compileOneByOne(List<MeshObject> objects) {
    MeshCompiler compiler = new MeshCompiler();
    objects.forEach(compiler::upsert);
    return compiler.resources();
  }
}
