package io.meshlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code --profile DIR}: each benchmark section runs under its own JFR recording (the JDK's "profile" settings:
 * method samples every 10–20 ms), dumped to {@code DIR/<section>.jfr} with a summary of where the samples fell
 * next to it ({@link HotMethods}). Off when no directory is given.
 */
final class Profiler {
  private final Path dir;
  private final Map<String, Object> written = new LinkedHashMap<>();

  Profiler(Path dir) {
    this.dir = dir;
  }

  <T> T section(String name, Callable<T> body) throws Exception {
    if (dir == null) {
      return body.call();
    }
    Files.createDirectories(dir);
    Recording recording;
    try {
      recording = new Recording(Configuration.getConfiguration("profile"));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("the JDK's JFR profile settings are unreadable", e);
    }
    recording.setName(name);
    recording.start();
    try {
      return body.call();
    } finally {
      recording.stop();
      Path jfr = dir.resolve(name + ".jfr");
      recording.dump(jfr);
      recording.close();
      Path summary = dir.resolve(name + ".md");
      Files.writeString(summary, HotMethods.summarize(jfr, name));
      written.put(name, Map.of("jfr", jfr.toString(), "summary", summary.toString()));
      Bench.log("profile of %s: %s", name, summary);
    }
  }

  /** Section name to the files written, for the results JSON. */
  Map<String, Object> written() {
    return written;
  }
}
