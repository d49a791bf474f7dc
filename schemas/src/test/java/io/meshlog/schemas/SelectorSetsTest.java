package io.meshlog.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SelectorSetsTest {
  private static List<String> names(List<SortedSet<String>> sets) {
    return sets.stream().map(SelectorSets::name).toList();
  }

  @Test
  void conflictingSelectorsNeverMeetAndNestedOnesAlwaysDo() {
    List<Map<String, String>> selectors = List.of(
        Map.of("istio", "ingressgateway"),
        Map.of("istio", "eastwestgateway"),
        Map.of("istio", "ingressgateway", "zone", "a"));
    List<SortedSet<String>> sets = SelectorSets.realizable(selectors, 16).orElseThrow();
    assertEquals(List.of("", "istio=eastwestgateway", "istio=ingressgateway",
        "istio=ingressgateway;istio=ingressgateway,zone=a"), names(sets));
  }

  @Test
  void theEmptySelectorIsInEverySet() {
    List<Map<String, String>> selectors = List.of(Map.of(), Map.of("app", "a"));
    assertEquals(List.of("*", "*;app=a"), names(SelectorSets.realizable(selectors, 16).orElseThrow()));
    assertEquals("*", SelectorSets.canonical(Map.of()));
    assertEquals(Map.of(), SelectorSets.parse("*"));
    assertEquals(Map.of("a", "1", "b", "2"), SelectorSets.parse("a=1,b=2"));
  }

  @Test
  void independentKeysMultiplyUpToTheLimit() {
    List<Map<String, String>> selectors = List.of(Map.of("a", "1"), Map.of("b", "1"), Map.of("c", "1"));
    assertEquals(8, SelectorSets.realizable(selectors, 8).orElseThrow().size());
    assertTrue(SelectorSets.realizable(selectors, 7).isEmpty());
  }

  /** Whatever labels a workload has, the set it matches is among the enumerated ones (and only those are). */
  @Test
  void everyLabelMapsMatchedSetIsEnumeratedAndNothingElse() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Map<String, String>> selectors = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(5); i++) {
        Map<String, String> s = new TreeMap<>();
        for (int k = 0; k < random.nextInt(3); k++) {
          s.put("k" + random.nextInt(3), "v" + random.nextInt(2));
        }
        selectors.add(s);
      }
      SortedSet<String> enumerated = new TreeSet<>(names(SelectorSets.realizable(selectors, 1000).orElseThrow()));
      SortedSet<String> byBruteForce = new TreeSet<>();
      // Every label map over keys k0..k2 with values v0, v1 or absent.
      for (int code = 0; code < 27; code++) {
        Map<String, String> labels = new TreeMap<>();
        int c = code;
        for (int k = 0; k < 3; k++, c /= 3) {
          if (c % 3 < 2) {
            labels.put("k" + k, "v" + (c % 3));
          }
        }
        byBruteForce.add(SelectorSets.name(SelectorSets.matched(selectors, labels)));
      }
      assertEquals(byBruteForce, enumerated, "selectors " + selectors);
    }
  }

  @Test
  void cappedDropsTheSelectorsThatWouldPassTheLimitInCanonicalOrderWhateverTheInputOrder() {
    // Three independent keys make 8 sets; with a limit of 4, a and b fit (4 sets), c would double them.
    List<Map<String, String>> selectors = new ArrayList<>(List.of(Map.of("c", "1"), Map.of("a", "1"), Map.of("b", "1")));
    SelectorSets.Capped capped = SelectorSets.capped(selectors, 4);
    assertEquals(new TreeSet<>(List.of("c=1")), capped.dropped());
    assertEquals(List.of("", "a=1", "a=1;b=1", "b=1"), names(capped.sets()));
    java.util.Collections.reverse(selectors);
    assertEquals(capped, SelectorSets.capped(selectors, 4));
    assertTrue(SelectorSets.overlap(Map.of("a", "1"), Map.of("b", "1")));
    assertTrue(!SelectorSets.overlap(Map.of("a", "1"), Map.of("a", "2")));
  }

  @Test
  void aGatewayClassIsNamedAfterItsSetAndKeepsTheGatewayShape() {
    SortedSet<String> set = new TreeSet<>(List.of("*", "istio=ingressgateway", "app=x,tier=edge"));
    assertEquals("gateway@*;app=x,tier=edge;istio=ingressgateway", ProxyClasses.gateway(set));
    assertEquals(ProxyClasses.GATEWAY, ProxyClasses.shape(ProxyClasses.gateway(set)));
    assertTrue(ProxyClasses.isClass(ProxyClasses.gateway(set)));
    assertEquals(ProxyClasses.GATEWAY, ProxyClasses.gateway(new TreeSet<>()), "no selector matched: the bare class");
    assertEquals("gateway@istio=ingressgateway", ProxyClasses.gateway(Map.of("istio", "ingressgateway")),
        "one selector keeps the one-selector name");
  }
}
