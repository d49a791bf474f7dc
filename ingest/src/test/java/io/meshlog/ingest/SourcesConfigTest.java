package io.meshlog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesConfigTest {
  @TempDir Path dir;

  @Test
  void readsTheExampleFile() throws Exception {
    Path example = Path.of("../examples/meshlog.yaml").toAbsolutePath().normalize();
    SourcesConfig c = SourcesConfig.read(example);
    assertEquals(List.of("cluster-a", "cluster-b"), c.clusters().stream().map(SourcesConfig.Cluster::id).toList());
    assertEquals("kind-b", c.clusters().get(1).context());
    assertEquals("eu-west-1", c.clusters().get(1).region());
    assertEquals(Path.of(System.getProperty("user.home"), ".kube/config").toString(), c.clusters().get(0).kubeconfig());
    SourcesConfig.Folder folder = c.folders().get(0);
    assertEquals(example.getParent().resolveSibling("mesh").toString(), folder.path(), "relative to the file");
    assertEquals("gitops", folder.name());
    assertEquals(Duration.ofSeconds(2), folder.poll());
    assertEquals(Duration.ofMinutes(5), c.vms().delete());
  }

  @Test
  void aBadFileIsRefusedNamingTheField() throws Exception {
    assertEquals("clusters[1].contxt: unknown field", problem("clusters: [{id: a}, {id: b, contxt: x}]").split(" \\(")[0]);
    assertTrue(problem("clusters: [{id: a}, {id: b, contxt: x}]").contains("context"), "lists the known fields");
    assertEquals("clusters[0].id: required (the cluster ID on its events)", problem("clusters: [{context: x}]"));
    assertTrue(problem("folders: [{path: m, pollInterval: soon}]").startsWith("folders[0].pollInterval: bad duration"));
    assertTrue(problem("vms: {deleteAfter: 5 minutes}").startsWith("vms.deleteAfter: bad duration"));
    assertTrue(problem("folders: {path: m}").startsWith("folders: "), problem("folders: {path: m}"));
    assertTrue(SourcesConfig.read(write("# nothing configured\n")).isEmpty());
  }

  private String problem(String yaml) throws Exception {
    Path file = write(yaml);
    String message = assertThrows(IllegalArgumentException.class, () -> SourcesConfig.read(file)).getMessage();
    assertTrue(message.startsWith(file + ": "), message);
    return message.substring((file + ": ").length());
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("meshlog.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
