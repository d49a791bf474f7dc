package io.meshlog.mesh.istio;

import static io.meshlog.mesh.istio.Rejections.assertError;
import static io.meshlog.mesh.istio.Rejections.only;

import org.junit.jupiter.api.Test;

class MetadataTest {
  private static final String DR = """
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: %s
      spec: {host: echo}
      """;

  @Test
  void requiresAName() {
    assertError(only(DR.formatted("{namespace: demo}")), "DestinationRule demo/<missing name>", "metadata.name");
  }

  @Test
  void rejectsNamesThatAreNotDns1123() {
    assertError(only(DR.formatted("{name: Echo_1}")), "DestinationRule default/Echo_1", "metadata.name");
  }

  @Test
  void rejectsLabelsThatAreNotStrings() {
    assertError(only(DR.formatted("{name: echo, labels: {tier: 1}}")), "DestinationRule default/echo",
        "metadata.labels.tier");
  }

  @Test
  void rejectsTheSameObjectTwice() {
    String yaml = DR.formatted("{name: echo}") + "---\n" + DR.formatted("{name: echo, namespace: default}")
        .replace("networking.istio.io/v1", "networking.istio.io/v1beta1");
    assertError(only(yaml), "DestinationRule default/echo", "metadata.name");
  }
}
