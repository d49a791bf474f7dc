package io.meshlog.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recording's CPU samples ({@code jdk.ExecutionSample}) fell: by top frame (self time), by meshlog
 * method anywhere on the stack (inclusive time), and by thread (numbers stripped, so a pool is one row).
 */
final class HotMethods {
  private static final int ROWS = 25;

  private HotMethods() {}

  static String summarize(Path jfr, String title) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> meshlog = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      self.merge(method(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String m = method(f);
        // The harness's own frames sit under everything; the meshlog code it drives is what matters.
        if (m.startsWith("io.meshlog.") && !m.startsWith("io.meshlog.bench.") && seen.add(m)) {
          meshlog.merge(m, 1, Integer::sum);
        }
      }
      RecordedThread thread = e.getThread("sampledThread");
      String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
      threads.merge(name.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "*").replaceAll("\\d+", "N"), 1, Integer::sum);
    }
    StringBuilder md = new StringBuilder("# Profile: " + title + "\n\n" + samples
        + " CPU samples (JFR jdk.ExecutionSample, the JDK's \"profile\" settings).\n\n");
    table(md, "Top frames (self)", "method", self, samples);
    table(md, "meshlog methods on the stack, outside the harness (inclusive)", "method", meshlog, samples);
    table(md, "Threads (digits as N)", "thread", threads, samples);
    return md.toString();
  }

  private static String method(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void table(StringBuilder md, String title, String what, Map<String, Integer> counts, int samples) {
    md.append("## ").append(title).append("\n\n| share | ").append(what).append(" |\n|---|---|\n");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry::getKey))
        .limit(ROWS)
        .forEach(c -> md.append("| %.1f%% | `%s` |\n".formatted(100.0 * c.getValue() / Math.max(1, samples), c.getKey())));
    md.append('\n');
  }
}
