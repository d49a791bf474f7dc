package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedYamlTest {
  private static final String VALID = """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: ok}
      spec: {host: ok}
      """;

  @Test
  void namesTheDocumentAndLine() {
    FieldError e = only(VALID + "---\n---\nkind: [VirtualService\n");
    assertError(e, "test.yaml document 3", "");
    assertTrue(e.message().contains("line 7"), e.message());
  }

  @Test
  void rejectsDuplicateKeys() {
    FieldError e = only("apiVersion: networking.istio.io/v1\nkind: VirtualService\nkind: DestinationRule\n");
    assertError(e, "test.yaml document 1", "");
    assertTrue(e.message().contains("Duplicate field 'kind'"), e.message());
  }

  @Test
  void rejectsAliasesRatherThanMisreadingThem() {
    FieldError e = only(VALID.replace("{host: ok}", "{host: &h ok, exportTo: [*h]}"));
    assertError(e, "test.yaml document 1", "");
    assertTrue(e.message().contains("aliases"), e.message());
  }

  @Test
  void rejectsADocumentThatIsNotAMapping() {
    assertError(only("- a\n- b\n"), "test.yaml document 1", "");
  }
}
