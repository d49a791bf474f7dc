package io.meshlog.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered history, replay and diff of a fixed log, against golden files (-Dmeshlog.golden.update=true). */
class HistoryGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden");

  @Test
  void historyTable() throws Exception {
    golden("history.txt", History.table(History.entries(Events.log(), HistoryQuery.builder().build())));
  }

  @Test
  void replayYamlAndDiff() throws Exception {
    EventLog log = Events.log();
    golden("replay-at-6.yaml", MeshState.at(log, log.after(6)).yaml());
    MeshState a = MeshState.at(log, log.after(5));
    MeshState b = MeshState.at(log, log.end());
    golden("diff-5-end.txt", StateDiff.text(StateDiff.objects(a, b),
        StateDiff.resources(a.compile().ofClass("grpc"), b.compile().ofClass("grpc")), Map.of("from", "@5")));
  }

  @Test
  void progressLine() {
    assertEquals("[###############...............] 50/100 events  1,234 ev/s", ProgressLine.format(50, 100, 1234));
    assertEquals("7 events  0 ev/s", ProgressLine.format(7, -1, 0.2));
  }

  private static void golden(String name, String actual) throws Exception {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("meshlog.golden.update") || !Files.exists(file)) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual);
    }
    assertEquals(Files.readString(file), actual, "golden " + file + " (regenerate with -Dmeshlog.golden.update=true)");
  }
}
